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
  const invalid = (opt: string): ArgError => new ArgError(`${command}: invalid option "${opt}"`);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const takeValue = (spec: FlagSpec, inline: string | undefined): void => {
      if (inline !== undefined && inline !== '') return void flags.set(spec.long, inline);
      const next = tokens[k + 1];
      if (next === undefined) throw new ArgError(`${command}: option "${t}" requires an argument`);
      flags.set(spec.long, next);
      k++;
    };
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      const spec = specs.find((s) => s.long === name);
      if (!spec) throw invalid(t);
      if (spec.value) takeValue(spec, eq < 0 ? undefined : t.slice(eq + 1));
      else if (eq >= 0) throw invalid(t);
      else flags.set(spec.long, true);
    } else if (t.startsWith('-') && t.length > 1 && !/^-\d/.test(t)) {
      for (let c = 1; c < t.length; c++) {
        const spec = specs.find((s) => s.short === t[c]);
        if (!spec) throw invalid(`-${t[c]}`);
        if (spec.value) {
          takeValue(spec, t.slice(c + 1));
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

/** An integer argument, as argtable's arg_int accepts it. */
export function intArg(command: string, flag: string, text: string): number {
  if (!/^[-+]?\d+$/.test(text)) throw new ArgError(`${command}: invalid argument "${text}" to option --${flag}`);
  return Number(text);
}
