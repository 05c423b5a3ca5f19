/**
 * `battsim contracts`: the contract suite against a URL (a real device, or an emulator that serves /_sim/) or
 * against fresh emulators, one per firmware profile, printing each result as it ends with the chosen reporter.
 * The suites themselves never import the simulator; this command only starts the emulators they are pointed at.
 */
import { ContractError, createReporter, discoverTarget, runContracts, type Target } from '../contracts/index.ts';
import type { ContractsCliOptions } from './cli-args.ts';
import { envValue } from './runtime/environment.ts';
import { abortOnShutdown } from './runtime/shutdown.ts';
import { startHomevolt } from './runtime/start-homevolt.ts';
import { startSessy } from './runtime/start-sessy.ts';
import { startSessyMeter } from './runtime/start-sessy-meter.ts';
import { FIRMWARE_NAMES } from './devices/homevolt/index.ts';
import { FIRMWARE_PROFILES, type FirmwareVersion } from './devices/sessy/index.ts';

/** Every firmware profile the emulators offer, newest first: without --url each one gets its own emulator. */
export const SESSY_PROFILES: readonly FirmwareVersion[] = Object.keys(FIRMWARE_PROFILES) as FirmwareVersion[];
export const HOMEVOLT_PROFILES = FIRMWARE_NAMES;
/** Homevolt ships without a password; the emulators get one so that the authentication cases have something to check. */
const HOMEVOLT_PASSWORD = 'battsim-contracts';

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export async function runContractsCommand(command: ContractsCliOptions, io: Io): Promise<number> {
  const url = command.url ?? envValue('BATTSIM_URL');
  const user = command.user ?? envValue('BATTSIM_USER');
  const password = command.password ?? envValue('BATTSIM_PASSWORD');
  const controlToken = command.asDevice ? undefined : (command.controlToken ?? envValue('BATTSIM_CONTROL_TOKEN'));
  // Machine-readable reporters own stdout; what is said to the person goes to stderr then.
  const say = command.reporter === 'human' ? io.out : io.err;
  const closers: (() => Promise<void>)[] = [];
  const controller = new AbortController();
  const stopListening = abortOnShutdown(controller);
  try {
    let targets: Target[];
    if (url !== undefined) {
      if (command.device !== 'homevolt' && (user === undefined) !== (password === undefined)) {
        throw new ContractError('CONTRACT_ERR_BAD_OPTION', 'Failed to run the contracts: give --user and --password together (the dongle serial and the sticker code), or neither for a dongle without credentials.');
      }
      const credentials = password === undefined ? null : { user: user ?? 'admin', password };
      const found = await discoverTarget({ device: command.device, url, credentials, allowWrites: command.allowWrites, paceMs: command.paceMs, asDevice: command.asDevice, ...(controlToken !== undefined ? { controlToken } : {}) });
      // The home's meter, where zero on the meter reads the grid (docs/sessy.md §6).
      const meter = command.meter === undefined ? undefined : { url: command.meter.replace(/\/+$/, ''), credentials: command.meterPassword === undefined ? null : { user: command.meterUser ?? 'admin', password: command.meterPassword } };
      targets = [meter ? { ...found.target, meter } : found.target];
      say(`Running the ${command.device} contracts. ${found.note}`);
    } else {
      targets = [];
      if (command.meter !== undefined) throw new ContractError('CONTRACT_ERR_BAD_OPTION', 'Failed to run the contracts: --meter is the meter of the dongle at --url; give --url too (e.g. a dongle of `battsim site`).');
      if (command.device === 'sessy') {
        for (const firmware of SESSY_PROFILES) {
          const e = await startSessy({ firmware });
          closers.push(() => e.close());
          targets.push({ kind: 'emulator', url: e.url, credentials: e.credentials, control: e.url, label: `sessy ${firmware} emulator` });
        }
      } else if (command.device === 'sessy-meter') {
        for (const variant of ['p1', 'ct'] as const) {
          const e = await startSessyMeter({ variant });
          closers.push(() => e.close());
          targets.push({ kind: 'emulator', url: e.url, credentials: e.credentials, control: e.url, label: `sessy-meter ${variant} emulator` });
        }
      } else {
        for (const firmware of HOMEVOLT_PROFILES) {
          const e = await startHomevolt({ firmware, password: HOMEVOLT_PASSWORD });
          closers.push(() => e.close());
          targets.push({ kind: 'emulator', url: e.url, credentials: e.credentials, control: e.url, label: `homevolt ${firmware} emulator` });
        }
      }
      say(`Running the ${command.device} contracts against fresh emulators: ${targets.map((t) => t.label).join(', ')}`);
    }
    const reporter = createReporter(command.reporter);
    const report = await runContracts({
      device: command.device,
      targets,
      signal: controller.signal,
      onEvent: (event) => reporter(event).forEach((line) => io.out(line)),
      ...(command.strictness ? { strictness: command.strictness } : {}),
      ...(command.cases.length > 0 ? { cases: command.cases } : {}),
      ...(command.junit ? { junitPath: command.junit } : {}),
    });
    if (command.junit) say(`JUnit XML written to ${command.junit}`);
    return report.exitCode;
  } catch (e) {
    if (e instanceof ContractError) {
      io.err(`battsim: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    stopListening();
    await Promise.all(closers.map((close) => close()));
  }
}
