/**
 * Command-line parsing as the firmware's argtable3-based console does it: whitespace tokens (quotes group),
 * short flags (`-s 3000`, `-s3000`, bundled booleans `-mo`), long flags (`--from=…`, `--from …`) and
 * positionals. Errors use argtable's wording: `<cmd>: invalid option "<opt>"`, `missing option <arg>`.
 */
export interface FlagSpec {
  readonly short?: string;
  readonly long: string;
  /** Takes a value; otherwise a boolean flag. */
  readonly value: boolean;
}

export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
}

export class ArgError extends Error {}

export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) tokens.push(m[1] ?? m[2] ?? m[3]!);
  return tokens;
}

export function parseArgs(command: string, tokens: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      const spec = findSpec(specs, name, undefined);
      if (!spec) throw invalidOption(command, t);
      if (spec.value) k = takeValue(command, flags, spec, t, eq < 0 ? undefined : t.slice(eq + 1), tokens, k);
      else if (eq >= 0) throw invalidOption(command, t);
      else flags.set(spec.long, true);
    } else if (t.startsWith('-') && t.length > 1 && !/^-\d/.test(t)) {
      for (let c = 1; c < t.length; c++) {
        const spec = findSpec(specs, undefined, t[c]);
        if (!spec) throw invalidOption(command, `-${t[c]}`);
        if (spec.value) {
          k = takeValue(command, flags, spec, t, t.slice(c + 1), tokens, k);
          break;
        }
        flags.set(spec.long, true);
      }
    } else {
      positionals.push(t);
    }
  }
  return { flags, positionals };
}

// Module functions rather than closures per call: a controller sends a schedule command every few seconds, and
// tsx names every closure it creates (esbuild keepNames) with a defineProperty.

function invalidOption(command: string, opt: string): ArgError {
  return new ArgError(`${command}: invalid option "${opt}"`);
}

function findSpec(specs: readonly FlagSpec[], long: string | undefined, short: string | undefined): FlagSpec | undefined {
  for (const spec of specs) if (long !== undefined ? spec.long === long : spec.short === short) return spec;
  return undefined;
}

/** Stores an option's value, given inline or as the next token; returns the index of the last token it used. */
function takeValue(command: string, flags: Map<string, string | true>, spec: FlagSpec, token: string, inline: string | undefined, tokens: readonly string[], k: number): number {
  if (inline !== undefined && inline !== '') {
    flags.set(spec.long, inline);
    return k;
  }
  const next = tokens[k + 1];
  if (next === undefined) throw new ArgError(`${command}: option "${token}" requires an argument`);
  flags.set(spec.long, next);
  return k + 1;
}

/** An integer argument, as argtable's arg_int accepts it. */
export function intArg(command: string, flag: string, text: string): number {
  if (!/^[-+]?\d+$/.test(text)) throw new ArgError(`${command}: invalid argument "${text}" to option --${flag}`);
  return Number(text);
}
