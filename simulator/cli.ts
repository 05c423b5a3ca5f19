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
import type { RunningEmulator } from './runtime/emulator.ts';
import { RuntimeError } from './runtime/errors.ts';
import { waitForShutdown } from './runtime/shutdown.ts';
import { describeHomevolt, startHomevolt } from './runtime/start-homevolt.ts';
import { describeSessy, startSessy } from './runtime/start-sessy.ts';

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
    if (e instanceof RuntimeError || e instanceof ControlAccessError || e instanceof ScenarioError || e instanceof FaultSpecError || isListenError(e)) {
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
      const emulator = await startSessy({
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
      return serve([{ emulator, describe: describeSessy(emulator) }], command, io);
    }
    case 'homevolt': {
      const emulator = await startHomevolt({
        port: command.port,
        host: command.host,
        seed: normaliseSeed(command.seed),
        speed: command.speed,
        units: command.units,
        ...(command.password !== undefined ? { password: command.password } : {}),
        ...(command.firmware !== undefined ? { firmware: command.firmware as never } : {}),
        ...controlOptions(command),
      });
      return serve([{ emulator, describe: describeHomevolt(emulator) }], command, io);
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

function controlOptions(command: ControlCliOptions): { control?: boolean; controlToken?: string } {
  return { ...(command.noControl ? { control: false } : {}), ...(command.controlToken !== undefined ? { controlToken: command.controlToken } : {}) };
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
