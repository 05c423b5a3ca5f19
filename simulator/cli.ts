/**
 * The `battsim` command: parses the command line, starts what it names, prints where and how to reach it,
 * and runs until SIGINT/SIGTERM (or, started through npm, until npm has gone: runtime/parent-watch.ts). Returns the
 * exit code; never calls process.exit.
 *
 * Start time: this module imports only the argument parser and a few tiny runtime helpers. Each command imports
 * what it needs inside its case, so `--help` and usage errors load no server code and only `contracts` loads the
 * suites (test/cli/lazy-loading.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { CliUsageError, HELP, parseCliArgs, type CliCommand, type ControlCliOptions } from './cli-args.ts';
import type { SimulatedDevice } from './devices/simulated-device.ts';
import type { RunningEmulator, SpeedOption } from './runtime/emulator.ts';
import type { DeviceRunner } from './engine/device-runner.ts';
import type { LogDestination, LogFormat, LogLevel } from './runtime/logging.ts';
import { logsTo } from './runtime/log-lines.ts';
import type { OutsideWorld } from './replay/index.ts';
import { envValue } from './runtime/environment.ts';
import { untilShutdown } from './runtime/shutdown.ts';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Resolves when the servers should close; default: SIGINT or SIGTERM. */
  readonly untilShutdown?: () => Promise<unknown>;
}

const defaultIo: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof CliUsageError) {
      io.err(`battsim: ${e.message}`);
      return 2;
    }
    throw e;
  }
  try {
    return await run(command, io);
  } catch (e) {
    if (isReportable(e)) {
      io.err(reportOf(e as Error & { code: string }));
      return 1;
    }
    throw e;
  }
}

async function run(command: CliCommand, io: CliIo): Promise<number> {
  switch (command.kind) {
    case 'help':
      io.out(HELP);
      return 0;
    case 'version':
      io.out(await packageVersion());
      return 0;
    case 'sessy': {
      const { startSessy, describeSessy } = await import('./runtime/start-sessy.ts');
      const world = await worldOf(command.fromRecording);
      const { startMs, initialSoc } = await worldStart(world);
      const emulator = await startSessy({
        ...(startMs !== undefined ? { startMs } : {}),
        ...(initialSoc !== undefined ? { site: { initialSoc } } : {}),
        port: command.port,
        host: command.host,
        seed: command.seed,
        speed: command.speed,
        ...(command.start !== undefined ? { start: command.start } : {}),
        ...(command.noAuth ? { noAuth: true } : {}),
        ...(command.user !== undefined ? { user: command.user } : {}),
        ...(command.password !== undefined ? { password: command.password } : {}),
        ...(command.firmware !== undefined ? { firmware: command.firmware as never } : {}),
        ...(command.mdns ? { mdns: true } : {}),
        ...controlOptions(command, io),
      });
      if (world) await announceWorld(emulator.runner, world, command.fromRecording!, command.readyJson ? io.err : io.out);
      return serve([{ emulator, describe: describeSessy(emulator), device: 'sessy', firmware: emulator.device.profile.version }], command, io);
    }
    case 'homevolt': {
      const [{ startHomevolt, describeHomevolt }, { normaliseSeed }] = await Promise.all([import('./runtime/start-homevolt.ts'), import('./core/index.ts')]);
      const world = await worldOf(command.fromRecording);
      const { startMs, initialSoc } = await worldStart(world);
      const emulator = await startHomevolt({
        ...(startMs !== undefined ? { startMs } : {}),
        ...(initialSoc !== undefined ? { initialSoc } : {}),
        port: command.port,
        host: command.host,
        seed: normaliseSeed(command.seed),
        speed: command.speed,
        ...(command.start !== undefined ? { start: command.start } : {}),
        units: command.units,
        ...(command.password !== undefined ? { password: command.password } : {}),
        ...(command.firmware !== undefined ? { firmware: command.firmware as never } : {}),
        ...(command.mdns ? { mdns: true } : {}),
        ...(command.https ? { https: true } : {}),
        ...controlOptions(command, io),
      });
      if (world) await announceWorld(emulator.runner, world, command.fromRecording!, command.readyJson ? io.err : io.out);
      return serve([{ emulator, describe: describeHomevolt(emulator), device: 'homevolt', firmware: emulator.device.firmware.name }], command, io);
    }
    case 'sessy-meter': {
      const { startSessyMeter, describeSessyMeter } = await import('./runtime/start-sessy-meter.ts');
      const emulator = await startSessyMeter({
        variant: command.variant,
        port: command.port,
        host: command.host,
        seed: command.seed,
        speed: command.speed,
        ...(command.start !== undefined ? { start: command.start } : {}),
        ...(command.noAuth ? { noAuth: true } : {}),
        ...(command.user !== undefined ? { user: command.user } : {}),
        ...(command.password !== undefined ? { password: command.password } : {}),
        ...(command.forgetAfterS !== undefined ? { forgetAfterS: command.forgetAfterS } : {}),
        ...(command.gridTargetW !== undefined ? { gridTargetW: command.gridTargetW } : {}),
        ...(command.mdns ? { mdns: true } : {}),
        ...controlOptions(command, io),
      });
      return serve([{ emulator, describe: describeSessyMeter(emulator), device: 'sessy-meter', firmware: emulator.device.firmware }], command, io);
    }
    case 'site': {
      const { runSiteCommand } = await import('./run-site.ts');
      return runSiteCommand(command, io);
    }
    case 'record': {
      const { startRecorder } = await import('./replay/index.ts');
      const redactKey = command.redactKey ?? envValue('BATTSIM_REDACT_KEY');
      const recorder = await startRecorder({
        target: command.target,
        out: command.out,
        port: command.port,
        host: command.host,
        redactIdentity: command.redactIdentity,
        timeoutMs: command.timeoutMs,
        ifExists: command.ifExists,
        maxBodyBytes: command.maxBodyBytes,
        ...(redactKey !== undefined ? { redactKey } : {}),
      });
      // Listening for SIGTERM before anything says the recorder is ready: a harness may stop it right then.
      const stopped = untilShutdown(io);
      const say = command.readyJson ? io.err : io.out;
      say(`Recording ${withoutPassword(command.target)} through ${recorder.url} into ${command.out}${command.ifExists === 'append' ? ' (appending)' : ''}${command.redactIdentity ? ' (identity redacted)' : ''}`);
      if (/^[a-z]+:\/\/[^/]*@/i.test(command.target)) say('The user and password in --target are not sent: the recorder passes on your client\'s own credentials.');
      say('Point your client at the recorder. Press Ctrl-C to stop; the file is valid at every moment.');
      if (command.readyJson) io.out(JSON.stringify(proxyReadyLine('record', recorder.url, { target: withoutPassword(command.target), out: command.out })));
      try {
        await stopped;
      } finally {
        await recorder.close();
      }
      return 0;
    }
    case 'contracts': {
      const { runContractsCommand } = await import('./run-contracts.ts');
      return runContractsCommand(command, io);
    }
    case 'replay': {
      const { startReplay } = await import('./replay/index.ts');
      const replay = await startReplay({
        recording: command.recording,
        port: command.port,
        host: command.host,
        mode: command.mode,
        speed: command.speed,
        noMatchStatus: command.noMatchStatus,
        ...(command.user !== undefined && command.password !== undefined ? { user: command.user, password: command.password } : {}),
      });
      const stopped = untilShutdown(io);
      const say = command.readyJson ? io.err : io.out;
      say(`Replaying ${command.recording} at ${replay.url} (mode ${command.mode}, speed ${command.speed})`);
      if (command.speed === 'manual') say(`  replay clock: POST ${replay.url}/_replay/clock/advance {"seconds": N}`);
      say('Press Ctrl-C to stop.');
      if (command.readyJson) io.out(JSON.stringify(proxyReadyLine('replay', replay.url, { recording: command.recording, mode: command.mode, speed: command.speed, clockUrl: `${replay.url}/_replay/clock` })));
      try {
        await stopped;
      } finally {
        await replay.close();
      }
      return 0;
    }
    case 'start': {
      const [{ startSessy, describeSessy }, { startHomevolt, describeHomevolt }, { normaliseSeed }] = await Promise.all([
        import('./runtime/start-sessy.ts'),
        import('./runtime/start-homevolt.ts'),
        import('./core/index.ts'),
      ]);
      const common = { host: command.host, seed: command.seed, speed: command.speed, ...(command.mdns ? { mdns: true } : {}), ...controlOptions(command, io) };
      // Both emulators share one start, so that `--start now` does not differ between them by a millisecond.
      const sessy = await startSessy({ ...common, ...(command.start !== undefined ? { start: command.start } : {}), port: command.sessyPort });
      try {
        const homevolt = await startHomevolt({ ...common, seed: normaliseSeed(command.seed), startMs: sessy.startMs, port: command.homevoltPort, ...(command.https ? { https: true } : {}) });
        return await serve(
          [
            { emulator: sessy, describe: describeSessy(sessy), device: 'sessy', firmware: sessy.device.profile.version },
            { emulator: homevolt, describe: describeHomevolt(homevolt), device: 'homevolt', firmware: homevolt.device.firmware.name },
          ],
          command,
          io,
        );
      } catch (e) {
        await sessy.close();
        throw e;
      }
    }
  }
}

/** battsim's version: package.json is one folder above simulator/cli.ts, and two above the built dist/simulator/cli.js. */
async function packageVersion(): Promise<string> {
  for (const path of ['../package.json', '../../package.json']) {
    const text = await readFile(new URL(path, import.meta.url), 'utf8').catch(() => undefined);
    const pkg = text === undefined ? undefined : (JSON.parse(text) as { name?: string; version?: string });
    if (pkg?.name === 'battsim' && pkg.version !== undefined) return pkg.version;
  }
  throw new Error('Failed to read the version: no package.json of battsim above simulator/cli. Reinstall battsim.');
}

async function worldOf(path: string | undefined): Promise<OutsideWorld | undefined> {
  if (path === undefined) return undefined;
  const [{ readRecordingText }, { outsideWorldOf }] = await Promise.all([import('./replay/har-file.ts'), import('./runtime/recorded-world.ts')]);
  return outsideWorldOf(readRecordingText(path));
}

/** The emulator options a recording sets: its start time and, when it shows one, its SOC. */
async function worldStart(world: OutsideWorld | undefined): Promise<{ startMs?: number; initialSoc?: number }> {
  if (world === undefined) return {};
  const { recordingStartMs } = await import('./runtime/recorded-world.ts');
  return { startMs: recordingStartMs(world), ...(world.startSocFraction !== null ? { initialSoc: world.startSocFraction } : {}) };
}

async function announceWorld(runner: DeviceRunner, world: OutsideWorld, path: string, say: (line: string) => void): Promise<void> {
  const { driveFromRecording } = await import('./runtime/recorded-world.ts');
  driveFromRecording(runner, world);
  const spanS = Math.round((world.samples[world.samples.length - 1]!.atMs - world.samples[0]!.atMs) / 1000);
  say(`outside world from ${path} (${world.device}, ${world.samples.length} samples over ${spanS} s) drives load, PV and frequency`);
}

/**
 * --control-token, or else BATTSIM_CONTROL_TOKEN (how a container gets one without putting it on the command line),
 * and the request log's options.
 */
function controlOptions(
  command: ControlCliOptions & { readonly speed: SpeedOption },
  io: CliIo,
): { control?: boolean; controlToken?: string; logLevel: LogLevel; logFormat: LogFormat; logDestination?: LogDestination; logEntries?: number } {
  const token = command.controlToken ?? (command.noControl ? undefined : envValue('BATTSIM_CONTROL_TOKEN'));
  return {
    ...(command.noControl ? { control: false } : {}),
    ...(token !== undefined ? { controlToken: token } : {}),
    // One line per vendor request while the clock runs; a manual clock is driven by a test, which wants quiet.
    logLevel: command.logLevel ?? (command.speed === 'manual' ? 'silent' : 'info'),
    logFormat: command.logFormat,
    ...(command.readyJson ? { logDestination: logsTo(io.err) } : {}),
    ...(command.logEntries !== undefined ? { logEntries: command.logEntries } : {}),
  };
}

interface Served {
  readonly emulator: RunningEmulator<SimulatedDevice>;
  readonly describe: string;
  readonly device: 'sessy' | 'homevolt' | 'sessy-meter';
  readonly firmware: string;
}

async function serve(servers: readonly Served[], command: ControlCliOptions, io: CliIo): Promise<number> {
  // With --ready-json, stdout carries the one JSON line alone and the text for people goes to stderr.
  const say = command.readyJson ? io.err : io.out;
  try {
    if (command.scenario !== undefined) {
      const { ScenarioError } = await import('./control/scenario.ts');
      const text = await readFile(command.scenario, 'utf8').catch((e: Error) => {
        throw new ScenarioError(`Failed to read the scenario file ${command.scenario}: ${e.message}`);
      });
      for (const { emulator } of servers) {
        const loaded = emulator.control.loadScenario(text);
        say(`scenario "${loaded.name}" loaded: ${loaded.events} events`);
      }
    }
    for (const { emulator, describe } of servers) {
      say(describe);
      const plane = emulator.controlPlane === 'off' ? 'off (--no-control)' : `${emulator.url}/_sim/state${emulator.controlPlane === 'token' ? ' (token required)' : ''}`;
      say(`  simulation control: ${plane}`);
      if (emulator.controlPlane !== 'off') {
        say(`  dashboard: ${emulator.url}/_sim/ui/${emulator.controlPlane === 'token' ? '#token=<your control token>' : ''}`);
        say(`  API docs: ${emulator.url}/_sim/docs/`);
      }
    }
    // Listening for SIGTERM before the ready line goes out: a fixture may stop battsim the moment it reads it, and a
    // signal that came first would end the process unhandled (exit by signal, servers not closed).
    const stopped = untilShutdown(io);
    say('Press Ctrl-C to stop.');
    if (command.readyJson) {
      const ready = servers.map(readyLineOf);
      io.out(JSON.stringify(ready.length === 1 ? ready[0] : Object.fromEntries(ready.map((r) => [r.device, r]))));
    }
    await stopped;
    return 0;
  } finally {
    await Promise.all(servers.map(({ emulator }) => emulator.close()));
  }
}

/** The --ready-json line of `record` and `replay`: where a fixture points its client, and what runs there. */
export interface ProxyReadyLine {
  readonly kind: 'record' | 'replay';
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:39113. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** record: target (its password masked) and out; replay: recording, mode, speed and clockUrl (/_replay/clock). */
  readonly [detail: string]: unknown;
}

function proxyReadyLine(kind: ProxyReadyLine['kind'], url: string, details: Record<string, unknown>): ProxyReadyLine {
  return { kind, url, port: Number(new URL(url).port), ...details, pid: process.pid };
}

/** The --ready-json line: all a test fixture in any language needs to reach the emulator it started. */
export interface ReadyLine {
  readonly device: 'sessy' | 'homevolt' | 'sessy-meter';
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:39113. */
  readonly url: string;
  readonly port: number;
  /** Basic-auth user and password for the vendor API; null when it has none. */
  readonly credentials: { readonly user: string; readonly password: string } | null;
  /** The simulation control's base URL (GET state, POST clock/advance …), null with --no-control. */
  readonly controlUrl: string | null;
  /** Whether /_sim/ needs the token (Authorization: Bearer T or X-Battsim-Token: T). */
  readonly controlTokenRequired: boolean;
  readonly firmware: string;
  readonly seed: number;
  /** 'manual' or 'scaled'. */
  readonly clock: string;
  readonly pid: number;
}

function readyLineOf({ emulator, device, firmware }: Served): ReadyLine {
  return {
    device,
    url: emulator.url,
    port: Number(new URL(emulator.url).port),
    credentials: emulator.credentials === null ? null : { user: emulator.credentials.user, password: emulator.credentials.password },
    controlUrl: emulator.controlPlane === 'off' ? null : `${emulator.url}/_sim`,
    controlTokenRequired: emulator.controlPlane === 'token',
    firmware,
    seed: emulator.seed,
    clock: emulator.clock.mode,
    pid: process.pid,
  };
}

/** Errors that explain themselves to the user (a message, exit code 1) rather than a bug's stack trace. */
/** A URL as it may be printed: the password of its user information masked (a terminal and a CI log are kept). */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password === '') return url;
    u.password = '***';
    return u.href.replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return url;
  }
}

/** What to do about the system's errors on listening, after its own words (e.g. "listen EADDRINUSE: address already in use 127.0.0.1:8080"). */
const LISTEN_HINTS: Readonly<Record<string, string>> = {
  EADDRINUSE: '. Another program (another battsim?) listens there: choose another port, or 0 for a free one.',
  EACCES: '. Ports below 1024 need root or CAP_NET_BIND_SERVICE: choose a port from 1024 up.',
  EADDRNOTAVAIL: '. That address is not one of this machine\'s: use 127.0.0.1, 0.0.0.0 (every interface) or an address of this machine.',
};

/** The line a reportable error gets on stderr: its own words, and for a listening error what to do about it. */
export function reportOf(e: Error & { readonly code: string }): string {
  return `battsim: ${e.message}${LISTEN_HINTS[e.code] ?? ''}`;
}

function isReportable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (!(e instanceof Error) || typeof code !== 'string') return false;
  return /^(RUNTIME|REPLAY)_ERR_/.test(code) || code === 'SIM_ERR_INVALID_SCENARIO' || code === 'SIM_ERR_INVALID_FAULT' || code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL';
}
