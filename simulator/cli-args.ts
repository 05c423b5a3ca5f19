/**
 * The command line, parsed into a discriminated union: each command carries exactly the options it takes,
 * checked once. Unknown options, missing values and bad numbers are usage errors naming the culprit.
 */
import type { SpeedOption } from './runtime/emulator.ts';
import type { LogFormat, LogLevel } from './runtime/logging.ts';
import { BattsimError } from './core/index.ts';
import { bytesOf, CONTROL_OPTIONS, controlOf, hostOf, integerOf, parseOptions, portOf, recordingOf, seedOf, speedOf, startOf, stringOf } from './cli-values.ts';
import { parseSessyMeterArgs, type SessyMeterCliOptions } from './cli-args-meter.ts';
import { parseSiteArgs, type SiteCliOptions } from './cli-args-site.ts';

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | ({ readonly kind: 'start'; readonly seed: number | string; readonly speed: SpeedOption; readonly start: string | undefined; readonly host: string; readonly sessyPort: number; readonly homevoltPort: number; readonly mdns: boolean; readonly https: boolean } & ControlCliOptions)
  | ({ readonly kind: 'sessy' } & SessyCliOptions)
  | ({ readonly kind: 'homevolt' } & HomevoltCliOptions)
  | ({ readonly kind: 'sessy-meter' } & SessyMeterCliOptions)
  | ({ readonly kind: 'site' } & SiteCliOptions)
  | ({ readonly kind: 'record' } & RecordCliOptions)
  | ({ readonly kind: 'replay' } & ReplayCliOptions)
  | ({ readonly kind: 'contracts' } & ContractsCliOptions);

export interface ContractsCliOptions {
  readonly device: 'sessy' | 'homevolt' | 'sessy-meter';
  /** A real device (or anything addressed as one); undefined: start fresh emulators, one per firmware profile. */
  readonly url: string | undefined;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly allowWrites: boolean;
  readonly paceMs: number;
  readonly junit: string | undefined;
  readonly strictness: 'exact' | 'tolerance' | 'shape' | undefined;
  readonly cases: readonly string[];
  /** How results are printed as they happen: human (default), jsonl or tap. */
  readonly reporter: 'human' | 'jsonl' | 'tap';
  /** Bearer token for an emulator's /_sim/ behind --url. */
  readonly controlToken: string | undefined;
  /** --as-device: treat --url as hardware even when it serves /_sim/. */
  readonly asDevice: boolean;
  /** --meter URL: the Sessy home's P1/CT meter, where zero-on-the-meter cases read the grid (SESSY-CONTROL-001). */
  readonly meter: string | undefined;
  /** --meter-user / --meter-password: the meter's serial and sticker code; omit for a meter without authentication. */
  readonly meterUser: string | undefined;
  readonly meterPassword: string | undefined;
}

export interface RecordCliOptions {
  readonly target: string;
  readonly out: string;
  readonly port: number;
  readonly host: string;
  readonly redactIdentity: boolean;
  readonly redactKey: string | undefined;
  readonly timeoutMs: number;
  /** --append / --force: what to do when --out exists (default: refuse). */
  readonly ifExists: 'fail' | 'append' | 'overwrite';
  /** --max-body: bytes of each body kept in the recording [B]. */
  readonly maxBodyBytes: number;
  /** --ready-json: one JSON line on stdout when listening (url, port, pid …); the rest goes to stderr. */
  readonly readyJson: boolean;
}

export interface ReplayCliOptions {
  readonly recording: string;
  readonly port: number;
  readonly host: string;
  readonly mode: 'time' | 'sequence';
  readonly speed: SpeedOption;
  readonly noMatchStatus: 501 | 404;
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** --ready-json: one JSON line on stdout when listening (url, port, pid …); the rest goes to stderr. */
  readonly readyJson: boolean;
}

/** How an emulator logs: Fastify's logger (pino) and the /_sim/log ring. */
export interface LogCliOptions {
  /** --log-level; undefined: 'info' for a real-time or scaled clock, 'silent' for a manual one. */
  readonly logLevel: LogLevel | undefined;
  /** --log-format pretty|json; default pretty. */
  readonly logFormat: LogFormat;
  /** --log-entries: requests /_sim/log keeps; undefined: the default (500). */
  readonly logEntries: number | undefined;
}

export interface ControlCliOptions extends LogCliOptions {
  /** --no-control: no /_sim/ at all. */
  readonly noControl: boolean;
  /** --control-token: required to serve /_sim/ beyond loopback. */
  readonly controlToken: string | undefined;
  /** --scenario FILE: a timeline to load at start. */
  readonly scenario: string | undefined;
  /** --ready-json: print one JSON line (URL, credentials, control URL …) on stdout when ready; the rest goes to stderr. */
  readonly readyJson: boolean;
}

export interface CommonServeOptions extends ControlCliOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: number | string;
  readonly speed: SpeedOption;
  /** --start now|ISO 8601: the simulated start; undefined: the host's now for a numeric speed, the fixed default for manual. */
  readonly start: string | undefined;
  /** --from-recording FILE: a HAR whose telemetry drives load, PV, frequency and the starting SOC. */
  readonly fromRecording: string | undefined;
  /** --mdns: advertise over mDNS as the device does. */
  readonly mdns: boolean;
}

export interface SessyCliOptions extends CommonServeOptions {
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly noAuth: boolean;
  readonly firmware: string | undefined;
}

export interface HomevoltCliOptions extends CommonServeOptions {
  readonly password: string | undefined;
  readonly units: number;
  readonly firmware: string | undefined;
  /** --https: serve HTTPS with a self-signed certificate, like the device's HTTPS option. */
  readonly https: boolean;
}

export class CliUsageError extends BattsimError<'CLI_ERR_USAGE'> {
  override readonly name = 'CliUsageError';
  constructor(message: string) {
    super('CLI_ERR_USAGE', message);
  }
}

export const HELP = `battsim: emulators of the Sessy and Homevolt home batteries' local HTTP APIs

Usage:
  battsim start [--seed N] [--speed S] [--start T] [--host H] [--sessy-port 8080] [--homevolt-port 8081] [--mdns] [--https]
      Both emulators: Sessy on port 8080, Homevolt on port 8081 (--https: Homevolt over HTTPS).
  battsim sessy [--port 8080] [--host 127.0.0.1] [--seed 42] [--speed 1|manual] [--start now]
                [--user U --password P | --no-auth] [--firmware 1.11.11]
  battsim homevolt [--port 8081] [--host 127.0.0.1] [--seed 42] [--speed 1|manual] [--start now]
                   [--password P] [--units 1] [--firmware 2512] [--https]
  battsim sessy-meter [--variant p1|ct] [--port 8082] [--host 127.0.0.1] [--seed 42] [--speed 1|manual]
                      [--start now] [--user U --password P | --no-auth] [--forget-after-s 30] [--grid-target=W]
      The Sessy P1 (or CT) meter over its own household: the readings, grid_target, and the NOM
      coordination the dongles post to (POST /api/v1/nom/power); --mdns advertises sessy-meter.
  battsim --help | --version

  battsim record --target URL --out trace.har [--port 8090] [--redact-identity] [--redact-key KEY]
                 [--timeout-ms 10000] [--max-body 1M] [--append | --force] [--ready-json]
      A proxy in front of a real device that writes every exchange to a HAR file, secrets redacted.
      KEY (or env BATTSIM_REDACT_KEY) makes identity stand-ins stable across recordings. Each body is
      kept up to --max-body bytes (k and M suffixes allowed), the rest passes through unrecorded. An
      existing --out is refused unless --append (add to it) or --force (replace it).
  battsim replay trace.har [--port 8091] [--mode time|sequence] [--speed 1|N|manual]
                 [--no-match-status 501|404] [--user U --password P] [--ready-json]
      Serves a recording as if it were the device.

  battsim site site.yaml [--speed S] [--start T] [--host H] [--ready-json] [--control-token T | --no-control]
      A Sessy home: one household with a P1/CT meter, Sessy dongles and Homevolt units on the same grid,
      each on its own port, one clock; dongles in NOM post to the meter. Examples: examples/sites/
      in battsim's package (node_modules/battsim/examples/sites/).

  battsim contracts --device sessy|homevolt|sessy-meter [--url URL --user U --password P] [--allow-writes]
                    [--pace-ms 1000] [--strictness exact|tolerance|shape] [--case ID ...]
                    [--reporter human|jsonl|tap] [--junit FILE] [--control-token T | --as-device]
      The contract suite; each case's result is printed as it ends. Without --url: against fresh emulators,
      one per firmware profile. With --url (or BATTSIM_URL, BATTSIM_USER, BATTSIM_PASSWORD): against your
      device, read-only unless --allow-writes, which restores everything it changed at the end, also on
      Ctrl-C. A URL that serves battsim's /_sim/ (with --control-token if it has one) is checked as an
      emulator, on its own clock; --as-device treats it as hardware. A target that does not answer fails
      the run within 10 s. --meter URL [--meter-user U --meter-password P]: the Sessy home's meter, where
      SESSY-CONTROL-001 reads the grid. Exit code 0 all passed, 1 a failure.

Every emulator also takes:
  --from-recording FILE  a HAR recording's load, PV, frequency and starting SOC drive the simulation
  --scenario FILE        load a YAML/JSON timeline of events at start (see simulator/scenarios/)
  --control-token T      protect /_sim/ with a token (required when --host is not loopback);
                         default: env BATTSIM_CONTROL_TOKEN
  --no-control           serve no /_sim/ at all
  --mdns                 advertise over mDNS as the device does (sessy-XXXX / Homevolt on _http._tcp), on the
                         interface of --host (0.0.0.0: every interface), so Home Assistant and Homey discover it
  --ready-json           when ready, print one JSON line on stdout: url, port, credentials, controlUrl,
                         controlTokenRequired, firmware, seed, clock, pid (with start: one per device);
                         everything else goes to stderr. With --port 0 a test fixture in any language
                         starts battsim as a subprocess and reads where it listens.
  --log-level L          silent|fatal|error|warn|info|debug|trace (default: info, one line per request;
                         silent with --speed manual)
  --log-format F         pretty (default) or json (pino's lines)
  --log-entries N        requests GET /_sim/log keeps, with redacted bodies (default 500)

Homevolt also takes:
  --https                HTTPS with a self-signed certificate made at start (the device's HTTPS option, port 443
                         on the device); clients connect with certificate verification off

Options:
  --seed N       master seed (number or text); the same seed gives the same device and the same day
  --speed S      simulated seconds per wall second (1 = real time, up to 1000000), or "manual" to step
                 time by hand with POST /_sim/clock/advance {"seconds": N}
  --start T      simulated start: now, a date (2026-03-29, local midnight) or a date-time with Z or an
                 offset (2026-03-29T01:30:00Z); default now, or 2026-06-01T00:00Z with --speed manual
  --host H       address to listen on (default 127.0.0.1)
  --port N       TCP port (0 picks a free one)

Stopping: SIGINT or SIGTERM. Started through npm (npx, npm exec, npm run), battsim also stops once npm has
exited, as npm's shell does not pass SIGTERM on; env BATTSIM_OUTLIVE_PARENT=1 keeps it running.

Dashboard: /_sim/ui/ on each emulator (with --control-token, open /_sim/ui/#token=T).
API documentation: /_sim/docs/.
Simulation control: GET /_sim/state, POST /_sim/state {"soc": 0.8}, GET /_sim/clock,
POST /_sim/clock/advance {"seconds": 60} (manual clock).`;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { kind: 'help' };
  // `battsim sessy --help`, as people type it: the help, not an unknown option.
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help' };
  if (command === '--version' || command === '-v') return { kind: 'version' };
  switch (command) {
    case 'start': {
      const v = parseOptions(rest, { seed: 'string', speed: 'string', start: 'string', host: 'string', 'sessy-port': 'string', 'homevolt-port': 'string', mdns: 'boolean', https: 'boolean', ...CONTROL_OPTIONS });
      return {
        kind: 'start',
        seed: seedOf(v.seed),
        speed: speedOf(v.speed, 1),
        start: startOf(v.start),
        host: hostOf(v.host),
        sessyPort: integerOf('--sessy-port', v['sessy-port'], 8080, 0, 65535),
        homevoltPort: integerOf('--homevolt-port', v['homevolt-port'], 8081, 0, 65535),
        mdns: v.mdns === true,
        https: v.https === true,
        ...controlOf(v),
      };
    }
    case 'sessy': {
      const v = parseOptions(rest, { port: 'string', host: 'string', seed: 'string', speed: 'string', start: 'string', user: 'string', password: 'string', 'no-auth': 'boolean', firmware: 'string', mdns: 'boolean', ...CONTROL_OPTIONS });
      if (v['no-auth'] && (v.user !== undefined || v.password !== undefined)) {
        throw new CliUsageError('--no-auth cannot be combined with --user or --password: choose one.');
      }
      return {
        kind: 'sessy',
        port: portOf(v.port, 8080),
        host: hostOf(v.host),
        seed: seedOf(v.seed),
        speed: speedOf(v.speed, 1),
        user: stringOf(v.user),
        password: stringOf(v.password),
        noAuth: v['no-auth'] === true,
        firmware: stringOf(v.firmware),
        mdns: v.mdns === true,
        ...controlOf(v),
        ...recordingOf(v),
      };
    }
    case 'homevolt': {
      const v = parseOptions(rest, { port: 'string', host: 'string', seed: 'string', speed: 'string', start: 'string', password: 'string', units: 'string', firmware: 'string', mdns: 'boolean', https: 'boolean', ...CONTROL_OPTIONS });
      return {
        kind: 'homevolt',
        port: portOf(v.port, 8081),
        host: hostOf(v.host),
        seed: seedOf(v.seed),
        speed: speedOf(v.speed, 1),
        password: stringOf(v.password),
        units: integerOf('--units', v.units, 1, 1, 16),
        firmware: stringOf(v.firmware),
        mdns: v.mdns === true,
        https: v.https === true,
        ...controlOf(v),
        ...recordingOf(v),
      };
    }
    case 'sessy-meter':
      return parseSessyMeterArgs(rest);
    case 'site':
      return parseSiteArgs(rest);
    case 'record': {
      const v = parseOptions(rest, { target: 'string', out: 'string', port: 'string', host: 'string', 'redact-identity': 'boolean', 'redact-key': 'string', 'timeout-ms': 'string', 'max-body': 'string', append: 'boolean', force: 'boolean', 'ready-json': 'boolean' });
      if (typeof v.target !== 'string' || typeof v.out !== 'string') throw new CliUsageError('record needs --target URL (the device) and --out FILE (the HAR to write).');
      if (v.append === true && v.force === true) throw new CliUsageError('give --append (add to the recording) or --force (replace it), not both.');
      return {
        kind: 'record',
        target: v.target,
        out: v.out,
        port: portOf(v.port, 8090),
        host: hostOf(v.host),
        redactIdentity: v['redact-identity'] === true,
        redactKey: stringOf(v['redact-key']),
        timeoutMs: integerOf('--timeout-ms', v['timeout-ms'], 10_000, 1, 600_000),
        ifExists: v.append === true ? 'append' : v.force === true ? 'overwrite' : 'fail',
        maxBodyBytes: bytesOf('--max-body', v['max-body'], 1024 * 1024),
        readyJson: v['ready-json'] === true,
      };
    }
    case 'replay': {
      const [recording, ...options] = rest;
      if (recording === undefined || recording.startsWith('--')) throw new CliUsageError('replay needs the HAR file first: battsim replay trace.har [options].');
      const v = parseOptions(options, { port: 'string', host: 'string', mode: 'string', speed: 'string', 'no-match-status': 'string', user: 'string', password: 'string', 'ready-json': 'boolean' });
      const mode = v.mode ?? 'time';
      if (mode !== 'time' && mode !== 'sequence') throw new CliUsageError(`--mode must be "time" or "sequence", got "${String(mode)}".`);
      const noMatch = v['no-match-status'] ?? '501';
      if (noMatch !== '501' && noMatch !== '404') throw new CliUsageError(`--no-match-status must be 501 or 404, got "${String(noMatch)}".`);
      if ((v.user === undefined) !== (v.password === undefined)) throw new CliUsageError('give --user and --password together, or neither to accept any credentials.');
      return {
        kind: 'replay',
        recording,
        port: portOf(v.port, 8091),
        host: hostOf(v.host),
        mode,
        speed: speedOf(v.speed, 1),
        noMatchStatus: noMatch === '404' ? 404 : 501,
        user: stringOf(v.user),
        password: stringOf(v.password),
        readyJson: v['ready-json'] === true,
      };
    }
    case 'contracts': {
      const v = parseOptions(rest, { device: 'string', url: 'string', user: 'string', password: 'string', 'allow-writes': 'boolean', 'pace-ms': 'string', junit: 'string', strictness: 'string', case: 'strings', reporter: 'string', 'control-token': 'string', 'as-device': 'boolean', meter: 'string', 'meter-user': 'string', 'meter-password': 'string' });
      if (v.meter === undefined && (v['meter-user'] !== undefined || v['meter-password'] !== undefined)) throw new CliUsageError('--meter-user and --meter-password are the meter\'s: give --meter URL too.');
      if (v.meter !== undefined && v.device !== 'sessy') throw new CliUsageError('--meter is the Sessy home\'s P1/CT meter: use it with --device sessy.');
      if (v.device !== 'sessy' && v.device !== 'homevolt' && v.device !== 'sessy-meter') throw new CliUsageError(`contracts needs --device sessy, homevolt or sessy-meter${v.device === undefined ? '' : `, got "${String(v.device)}"`}.`);
      const strictness = v.strictness;
      if (strictness !== undefined && strictness !== 'exact' && strictness !== 'tolerance' && strictness !== 'shape') {
        throw new CliUsageError(`--strictness must be exact, tolerance or shape, got "${String(strictness)}".`);
      }
      if (v.url === undefined && v['allow-writes']) throw new CliUsageError('--allow-writes is for a real device: give --url too (the emulators always allow writes).');
      if (v.url === undefined && (v['as-device'] || v['control-token'] !== undefined)) throw new CliUsageError('--as-device and --control-token are about the target at --url: give --url too.');
      if (v['as-device'] && v['control-token'] !== undefined) throw new CliUsageError('--as-device cannot be combined with --control-token: as a device the target\'s control plane is not used.');
      const reporter = v.reporter ?? 'human';
      if (reporter !== 'human' && reporter !== 'jsonl' && reporter !== 'tap') throw new CliUsageError(`--reporter must be human, jsonl or tap, got "${String(reporter)}".`);
      return {
        kind: 'contracts',
        device: v.device,
        url: stringOf(v.url),
        user: stringOf(v.user),
        password: stringOf(v.password),
        allowWrites: v['allow-writes'] === true,
        paceMs: integerOf('--pace-ms', v['pace-ms'], 1000, 200, 600_000),
        junit: stringOf(v.junit),
        strictness,
        cases: Array.isArray(v.case) ? v.case : [],
        reporter,
        controlToken: stringOf(v['control-token']),
        asDevice: v['as-device'] === true,
        meter: stringOf(v.meter),
        meterUser: stringOf(v['meter-user']),
        meterPassword: stringOf(v['meter-password']),
      };
    }
    default:
      throw new CliUsageError(`Unknown command "${command}". Run battsim --help for the list.`);
  }
}
