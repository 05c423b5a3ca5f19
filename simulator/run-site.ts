/**
 * `battsim site FILE`: reads the site file, starts every device of the site, prints where each listens (or one
 * --ready-json line listing them all), and runs until SIGINT/SIGTERM, which stops them all.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SiteCliOptions } from './cli-args-site.ts';
import { envValue } from './runtime/environment.ts';
import { RuntimeError } from './runtime/errors.ts';
import { logsTo } from './runtime/log-lines.ts';
import { untilShutdown } from './runtime/shutdown.ts';
import { parseSiteText } from './runtime/site/site-spec.ts';
import { startSite, type RunningSite } from './runtime/site/start-site.ts';

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly untilShutdown?: () => Promise<unknown>;
}

/** The --ready-json line of a site: every device's address, credentials and control plane. */
export interface SiteReadyLine {
  readonly site: string;
  readonly seed: number;
  readonly clock: string;
  readonly pid: number;
  readonly devices: readonly {
    readonly name: string;
    readonly device: 'sessy-meter' | 'sessy' | 'homevolt';
    readonly url: string;
    readonly port: number;
    readonly credentials: { readonly user: string; readonly password: string } | null;
    readonly controlUrl: string | null;
    readonly controlTokenRequired: boolean;
  }[];
}

export async function runSiteCommand(command: SiteCliOptions, io: Io): Promise<number> {
  const text = await readFile(command.file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    const examples = e.code === 'ENOENT' ? exampleSitesDirectory() : undefined;
    throw new RuntimeError('RUNTIME_ERR_BAD_SITE', `Failed to read the site file ${command.file}: ${e.message}${examples ? `. Example site files ship with battsim in ${examples}` : ''}`);
  });
  const spec = parseSiteText(text, command.file);
  const speed = command.speed ?? spec.speed ?? 1;
  const token = command.controlToken ?? (command.noControl ? undefined : envValue('BATTSIM_CONTROL_TOKEN'));
  const site = await startSite(spec, {
    speed,
    ...(command.start !== undefined ? { start: command.start } : {}),
    ...(command.host !== undefined ? { host: command.host } : {}),
    ...(command.noControl ? { control: false } : {}),
    ...(token !== undefined ? { controlToken: token } : {}),
    logLevel: command.logLevel ?? (speed === 'manual' ? 'silent' : 'info'),
    logFormat: command.logFormat,
    ...(command.readyJson ? { logDestination: logsTo(io.err) } : {}),
    ...(command.logEntries !== undefined ? { logEntries: command.logEntries } : {}),
  });
  const say = command.readyJson ? io.err : io.out;
  try {
    say(`site ${command.file} (seed ${site.seed}, clock ${site.clock.mode} from ${new Date(site.startMs).toISOString()}): ${site.devices.length} devices`);
    for (const d of site.devices) {
      const auth = d.credentials ? `user ${d.credentials.user}, password ${d.credentials.password}` : 'no authentication';
      say(`  ${d.name} (${d.kind}) at ${d.url}, ${auth}`);
    }
    if (!command.noControl) say(`  site state: ${site.devices[0]!.url}/_sim/site (on every device)`);
    // Listening for SIGTERM before the ready line goes out: a fixture may stop the site the moment it reads it.
    const stopped = untilShutdown(io);
    say('Press Ctrl-C to stop.');
    if (command.readyJson) io.out(JSON.stringify(readyLineOf(command.file, site, token !== undefined, command.noControl)));
    await stopped;
    return 0;
  } finally {
    await site.close();
  }
}

function readyLineOf(file: string, site: RunningSite, tokenRequired: boolean, noControl: boolean): SiteReadyLine {
  return {
    site: file,
    seed: site.seed,
    clock: site.clock.mode,
    pid: process.pid,
    devices: site.devices.map((d) => ({
      name: d.name,
      device: d.kind,
      url: d.url,
      port: d.port,
      credentials: d.credentials === null ? null : { user: d.credentials.user, password: d.credentials.password },
      controlUrl: noControl ? null : `${d.url}/_sim`,
      controlTokenRequired: !noControl && tokenRequired,
    })),
  };
}

/**
 * Where the example site files are: examples/sites/ at the package's root, which is one level above this module in a
 * checkout (simulator/) and two in the package (dist/simulator/). Undefined if neither has them.
 */
function exampleSitesDirectory(): string | undefined {
  for (const path of ['../examples/sites/', '../../examples/sites/']) {
    const directory = fileURLToPath(new URL(path, import.meta.url));
    if (existsSync(directory)) return directory;
  }
  return undefined;
}
