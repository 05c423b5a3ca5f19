/**
 * The `battsim` command: parses the command line, starts what it names, prints where and how to reach it,
 * and runs until SIGINT/SIGTERM. Returns the exit code; never calls process.exit.
 */
import { readFile } from 'node:fs/promises';
import { CliUsageError, HELP, parseCliArgs, type CliCommand, type ControlCliOptions } from './cli-args.ts';
import { ControlAccessError } from './control/control-access.ts';
import { FaultSpecError } from './control/fault-spec.ts';
import { ScenarioError } from './control/scenario.ts';
import { normaliseSeed } from './core/index.ts';
import type { SimulatedDevice } from './devices/simulated-device.ts';
import type { RunningEmulator, SpeedOption } from './runtime/emulator.ts';
import type { LogFormat, LogLevel } from './runtime/logging.ts';
import { RuntimeError } from './runtime/errors.ts';
import { waitForShutdown } from './runtime/shutdown.ts';
import { describeHomevolt, startHomevolt } from './runtime/start-homevolt.ts';
import { describeSessy, startSessy } from './runtime/start-sessy.ts';
import { envValue } from './runtime/environment.ts';
import { runContractsCommand } from './run-contracts.ts';
import { driveFromRecording, outsideWorldOf, recordingStartMs } from './runtime/recorded-world.ts';
import { ReplayError, startRecorder, startReplay, type OutsideWorld } from './replay/index.ts';

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
    if (e instanceof RuntimeError || e instanceof ControlAccessError || e instanceof ScenarioError || e instanceof FaultSpecError || e instanceof ReplayError || isListenError(e)) {
      io.err(`battsim: ${(e as Error).message}`);
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
    case 'version': {
      const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
      io.out(pkg.version);
      return 0;
    }
    case 'sessy': {
      const world = await worldOf(command.fromRecording);
      const emulator = await startSessy({
        ...(world ? { startMs: recordingStartMs(world), ...(world.startSocFraction !== null ? { site: { initialSoc: world.startSocFraction } } : {}) } : {}),
        port: command.port,
        host: command.host,
        seed: command.seed,
        speed: command.speed,
        ...(command.noAuth ? { noAuth: true } : {}),
        ...(command.user !== undefined ? { user: command.user } : {}),
        ...(command.password !== undefined ? { password: command.password } : {}),
        ...(command.firmware !== undefined ? { firmware: command.firmware as never } : {}),
        ...controlOptions(command),
      });
      if (world) announceWorld(emulator.runner, world, command.fromRecording!, io);
      return serve([{ emulator, describe: describeSessy(emulator) }], command, io);
    }
    case 'homevolt': {
      const world = await worldOf(command.fromRecording);
      const emulator = await startHomevolt({
        ...(world ? { startMs: recordingStartMs(world), ...(world.startSocFraction !== null ? { initialSoc: world.startSocFraction } : {}) } : {}),
        port: command.port,
        host: command.host,
        seed: normaliseSeed(command.seed),
        speed: command.speed,
        units: command.units,
        ...(command.password !== undefined ? { password: command.password } : {}),
        ...(command.firmware !== undefined ? { firmware: command.firmware as never } : {}),
        ...controlOptions(command),
      });
      if (world) announceWorld(emulator.runner, world, command.fromRecording!, io);
      return serve([{ emulator, describe: describeHomevolt(emulator) }], command, io);
    }
    case 'record': {
      const redactKey = command.redactKey ?? envValue('BATTSIM_REDACT_KEY');
      const recorder = await startRecorder({
        target: command.target,
        out: command.out,
        port: command.port,
        host: command.host,
        redactIdentity: command.redactIdentity,
        timeoutMs: command.timeoutMs,
        ...(redactKey !== undefined ? { redactKey } : {}),
      });
      io.out(`Recording ${command.target} through ${recorder.url} into ${command.out}${command.redactIdentity ? ' (identity redacted)' : ''}`);
      io.out('Point your client at the recorder. Press Ctrl-C to stop; the file is valid at every moment.');
      try {
        await (io.untilShutdown ?? waitForShutdown)();
      } finally {
        await recorder.close();
      }
      return 0;
    }
    case 'contracts':
      return runContractsCommand(command, io);
    case 'replay': {
      const replay = await startReplay({
        recording: command.recording,
        port: command.port,
        host: command.host,
        mode: command.mode,
        speed: command.speed,
        noMatchStatus: command.noMatchStatus,
        ...(command.user !== undefined && command.password !== undefined ? { user: command.user, password: command.password } : {}),
      });
      io.out(`Replaying ${command.recording} at ${replay.url} (mode ${command.mode}, speed ${command.speed})`);
      if (command.speed === 'manual') io.out(`  replay clock: POST ${replay.url}/_replay/clock/advance {"seconds": N}`);
      io.out('Press Ctrl-C to stop.');
      try {
        await (io.untilShutdown ?? waitForShutdown)();
      } finally {
        await replay.close();
      }
      return 0;
    }
    case 'start': {
      const common = { host: command.host, seed: command.seed, speed: command.speed, ...controlOptions(command) };
      const sessy = await startSessy({ ...common, port: command.sessyPort });
      try {
        const homevolt = await startHomevolt({ ...common, seed: normaliseSeed(command.seed), port: command.homevoltPort });
        return await serve(
          [
            { emulator: sessy, describe: describeSessy(sessy) },
            { emulator: homevolt, describe: describeHomevolt(homevolt) },
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

async function worldOf(path: string | undefined): Promise<OutsideWorld | undefined> {
  if (path === undefined) return undefined;
  const text = await readFile(path, 'utf8').catch((e: Error) => {
    throw new ReplayError('REPLAY_ERR_BAD_OPTION', `Failed to read the recording ${path}: ${e.message}`);
  });
  return outsideWorldOf(text);
}

function announceWorld(runner: Parameters<typeof driveFromRecording>[0], world: OutsideWorld, path: string, io: CliIo): void {
  driveFromRecording(runner, world);
  const spanS = Math.round((world.samples[world.samples.length - 1]!.atMs - world.samples[0]!.atMs) / 1000);
  io.out(`outside world from ${path} (${world.device}, ${world.samples.length} samples over ${spanS} s) drives load, PV and frequency`);
}

function controlOptions(command: ControlCliOptions & { readonly speed: SpeedOption }): { control?: boolean; controlToken?: string; logLevel: LogLevel; logFormat: LogFormat; logEntries?: number } {
  return {
    ...(command.noControl ? { control: false } : {}),
    ...(command.controlToken !== undefined ? { controlToken: command.controlToken } : {}),
    // One line per vendor request while the clock runs; a manual clock is driven by a test, which wants quiet.
    logLevel: command.logLevel ?? (command.speed === 'manual' ? 'silent' : 'info'),
    logFormat: command.logFormat,
    ...(command.logEntries !== undefined ? { logEntries: command.logEntries } : {}),
  };
}

async function serve(servers: { emulator: RunningEmulator<SimulatedDevice>; describe: string }[], command: ControlCliOptions, io: CliIo): Promise<number> {
  try {
    if (command.scenario !== undefined) {
      const text = await readFile(command.scenario, 'utf8').catch((e: Error) => {
        throw new ScenarioError(`Failed to read the scenario file ${command.scenario}: ${e.message}`);
      });
      for (const { emulator } of servers) {
        const loaded = emulator.control.loadScenario(text);
        io.out(`scenario "${loaded.name}" loaded: ${loaded.events} events`);
      }
    }
    for (const { emulator, describe } of servers) {
      io.out(describe);
      const plane = emulator.controlPlane === 'off' ? 'off (--no-control)' : `${emulator.url}/_sim/state${emulator.controlPlane === 'token' ? ' (token required)' : ''}`;
      io.out(`  simulation control: ${plane}`);
      if (emulator.controlPlane !== 'off') {
        io.out(`  dashboard: ${emulator.url}/_sim/ui/${emulator.controlPlane === 'token' ? '#token=<your control token>' : ''}`);
        io.out(`  API docs: ${emulator.url}/_sim/docs/`);
      }
    }
    io.out('Press Ctrl-C to stop.');
    await (io.untilShutdown ?? waitForShutdown)();
    return 0;
  } finally {
    await Promise.all(servers.map(({ emulator }) => emulator.close()));
  }
}

function isListenError(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL';
}
