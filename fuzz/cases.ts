/**
 * The hostile requests, drawn from fast-check arbitraries with a seed: case i of seed s is always the same bytes.
 * Each case is one connection: one request or a pipeline, possibly ending in garbage or stalling mid-request.
 */
import fc from 'fast-check';

export type DeviceName = 'sessy' | 'homevolt';
export type Via = 'direct' | 'recorder';
export type AuthKind = 'none' | 'valid' | 'valid-lowercase-scheme' | 'wrong-password' | 'bad-base64' | 'no-colon' | 'huge' | 'bearer' | 'empty-basic';
export type BodyKind =
  | { readonly kind: 'none' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'repeat'; readonly char: string; readonly count: number }
  | { readonly kind: 'nested'; readonly open: string; readonly depth: number }
  | { readonly kind: 'bytes'; readonly bytes: readonly number[] };
export type Framing = 'exact' | 'none' | 'chunked' | 'shorter' | 'longer' | 'invalid' | 'duplicate';
export type Tail = 'none' | 'garbage' | 'stall-head';

export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly auth: AuthKind;
  readonly contentType: string | undefined;
  readonly body: BodyKind;
  readonly framing: Framing;
  readonly extraHeaders: readonly (readonly [string, string])[];
}

export interface FuzzCase {
  readonly device: DeviceName;
  readonly via: Via;
  readonly requests: readonly RequestSpec[];
  readonly tail: Tail;
}

export const SESSY_PATHS = [
  '/api/v1/power/status',
  '/api/v1/power/active_strategy',
  '/api/v1/power/setpoint',
  '/api/v1/energy/status',
  '/api/v2/dynamic/schedule',
  '/api/v1/dynamic/schedule',
  '/api/v1/system/info',
  '/api/v1/system/settings',
  '/api/v1/ota/status',
  '/api/v1/ota/start',
  '/api/v1/network/status',
  '/api/v1/network/scan',
  '/ping',
];

export const HOMEVOLT_PATHS = [
  '/status.json',
  '/ems.json',
  '/schedule.json',
  '/params.json',
  '/console.json',
  '/pid.json',
  '/ems_pid_history.json',
  '/ems_history.json',
  '/nodes.json',
  '/node_metrics.json',
  '/node_data.json',
  '/ct.json',
  '/ct_history.json',
  '/mains_data.json',
  '/efr_hub_status.json',
  '/ecu_sense.json',
  '/error_report.json',
  '/error_history.json',
  '/logs.json',
  '/wifiscan.json',
  '/warp_ping.json',
  '/ota_manifest.json',
  '/spiffs/fuzz.txt',
  '/upload/spiffs/fuzz.txt',
  '/delete/spiffs/fuzz.txt',
  '/update',
  '/generate_204',
  '/redirect',
];

const METHOD = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('GET', 'POST') },
  { weight: 3, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'SEARCH', 'MKCOL', 'SOURCE', 'QUERY', 'CONNECT') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{1,12}$/) },
  { weight: 1, arbitrary: fc.constantFrom('get', 'G ET', 'GET\u0000', '\u00ff', '') },
);

const pathFor = (device: DeviceName): fc.Arbitrary<string> => {
  const known = fc.constantFrom(...(device === 'sessy' ? SESSY_PATHS : HOMEVOLT_PATHS));
  const query = fc.oneof(
    fc.constant(''),
    fc.constantFrom('?node_id=1', '?node_id=-1', '?node_id=99999999999999999999', '?limit=1e308', '?limit=abc&from=%zz', '?node_id=1&node_id=2'),
    fc.string({ maxLength: 40 }).map((s) => `?${encodeURIComponent(s)}=${encodeURIComponent(s)}`),
    fc.integer({ min: 100, max: 9000 }).map((n) => `?q=${'a'.repeat(n)}`),
  );
  return fc.oneof(
    { weight: 12, arbitrary: fc.tuple(known, query).map(([p, q]) => p + q) },
    { weight: 1, arbitrary: fc.constantFrom('/_sim/state', '/_sim/clock', '/_sim/nope', '//ems.json', '/', '/../etc/passwd', '/%00', '/api/v1/power/status/', '*', 'http://example.invalid/ping') },
    { weight: 1, arbitrary: fc.webPath() },
    { weight: 1, arbitrary: fc.integer({ min: 500, max: 20_000 }).map((n) => `/${'p'.repeat(n)}`) },
  );
};

const AUTH: fc.Arbitrary<AuthKind> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<AuthKind>('valid') },
  { weight: 4, arbitrary: fc.constant<AuthKind>('none') },
  { weight: 4, arbitrary: fc.constantFrom<AuthKind>('valid-lowercase-scheme', 'wrong-password', 'bad-base64', 'no-colon', 'huge', 'bearer', 'empty-basic') },
);

const CONTENT_TYPE = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=fuzzb', 'multipart/form-data', ';', 'text/plain', 'application/octet-stream', 'application/json; charset=utf-16', '*/*', 'x'.repeat(3000)),
  fc.string({ maxLength: 30 }),
);

const jsonFor = (device: DeviceName): fc.Arbitrary<string> =>
  device === 'sessy'
    ? fc.oneof(
        fc.record({ strategy: fc.oneof(fc.constantFrom('POWER_STRATEGY_API', 'POWER_STRATEGY_NOM', 'POWER_STRATEGY_IDLE', 'POWER_STRATEGY_X'), fc.jsonValue({ maxDepth: 2, depthSize: 'small' })) }).map((o) => JSON.stringify(o)),
        fc.record({ setpoint: fc.oneof(fc.integer({ min: -3000, max: 3000 }), fc.double(), fc.constantFrom(1e308, -1e308, 2 ** 31, -(2 ** 31) - 1), fc.jsonValue({ maxDepth: 2, depthSize: 'small' })) }).map((o) => JSON.stringify(o)),
        fc.dictionary(fc.constantFrom('total_sessys', 'active_phase', 'grid_phase', 'min_power', 'max_power', 'min_soc', 'enabled_time', 'p1_hostname', 'allowed_noise_level', 'disable_noise_level', 'eco_charge_hours', 'group_current'), fc.oneof(fc.integer({ min: -10, max: 5000 }), fc.constantFrom(1e308, -1e308, '10:00-09:00', 'true', null), fc.string({ maxLength: 300 }))).map((o) => JSON.stringify(o)),
        fc.record({ target: fc.oneof(fc.constantFrom('OTA_TARGET_SELF', 'OTA_TARGET_X'), fc.string({ maxLength: 500 })) }).map((o) => JSON.stringify(o)),
        fc.jsonValue({ maxDepth: 3, depthSize: 'small' }).map((v) => JSON.stringify(v)),
      )
    : fc.oneof(
        fc.record({ k: fc.constantFrom('settings_local', 'ems_psk', 'ecu_mdns_instance_name', 'nope', ''), v: fc.oneof(fc.constantFrom('true', '1', '-1', '1e308', ''), fc.string({ maxLength: 200 })), store: fc.constantFrom('0', '1', '2', 'x') }).map((o) => new URLSearchParams(o).toString()),
        fc.oneof(fc.constantFrom('status', 'sched_list', 'param_list', 'help', 'sched_set 99', 'sched_add x', 'param_get nope'), fc.string({ maxLength: 1500 })).map((cmd) => new URLSearchParams({ cmd }).toString()),
        fc.string({ maxLength: 200 }).map((s) => `--fuzzb\r\nContent-Disposition: form-data; name="cmd"\r\n\r\n${s}\r\n--fuzzb--\r\n`),
        fc.jsonValue({ maxDepth: 3, depthSize: 'small' }).map((v) => JSON.stringify(v)),
      );

const BODY = (device: DeviceName): fc.Arbitrary<BodyKind> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant<BodyKind>({ kind: 'none' }) },
    { weight: 8, arbitrary: jsonFor(device).map((text): BodyKind => ({ kind: 'text', text })) },
    { weight: 2, arbitrary: fc.string({ maxLength: 400 }).map((text): BodyKind => ({ kind: 'text', text })) },
    { weight: 2, arbitrary: fc.record({ open: fc.constantFrom('[', '{"a":'), depth: fc.integer({ min: 900, max: 200_000 }) }).map((n): BodyKind => ({ kind: 'nested', ...n })) },
    { weight: 1, arbitrary: fc.record({ char: fc.constantFrom('x', '{', '\u00e9'), count: fc.integer({ min: 2_000, max: 1_200_000 }) }).map((r): BodyKind => ({ kind: 'repeat', ...r })) },
    { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 600 }).map((bytes): BodyKind => ({ kind: 'bytes', bytes })) },
  );

const FRAMING: fc.Arbitrary<Framing> = fc.oneof(
  { weight: 20, arbitrary: fc.constant<Framing>('exact') },
  { weight: 1, arbitrary: fc.constantFrom<Framing>('none', 'chunked', 'shorter', 'longer', 'invalid', 'duplicate') },
);

const EXTRA_HEADERS = fc.oneof(
  { weight: 10, arbitrary: fc.constant<readonly (readonly [string, string])[]>([]) },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.oneof(
        fc.constantFrom<readonly [string, string]>(['Expect', '100-continue'], ['Transfer-Encoding', 'gzip'], ['Host', ''], ['X-Battsim-Token', 'wrong'], ['Content-Encoding', 'gzip'], ['Upgrade', 'websocket'], ['X-Long', 'v'.repeat(20_000)], ['Bad Header', 'x'], ['X-Ctl', 'a\u0001b']),
        fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), fc.string({ maxLength: 50 })),
      ),
      { maxLength: 3 },
    ),
  },
);

const requestFor = (device: DeviceName): fc.Arbitrary<RequestSpec> =>
  fc.record({ method: METHOD, path: pathFor(device), auth: AUTH, contentType: CONTENT_TYPE, body: BODY(device), framing: FRAMING, extraHeaders: EXTRA_HEADERS });

export const FUZZ_CASE: fc.Arbitrary<FuzzCase> = fc.constantFrom<DeviceName>('sessy', 'homevolt').chain((device) =>
  fc.record({
    device: fc.constant(device),
    via: fc.constantFrom<Via>('direct', 'direct', 'recorder'),
    requests: fc.array(requestFor(device), { minLength: 1, maxLength: 3 }),
    tail: fc.oneof({ weight: 12, arbitrary: fc.constant<Tail>('none') }, { weight: 1, arbitrary: fc.constantFrom<Tail>('garbage', 'stall-head') }),
  }),
);

/** Cases are drawn a batch at a time: one fast-check run per case costs several times more. */
const BATCH = 200;

/** Case `index` of `seed`, the same bytes every run; `cache` keeps the current batch. */
export function drawCase(seed: number, index: number, cache: { batch: number; cases: FuzzCase[] } = { batch: -1, cases: [] }): FuzzCase {
  const batch = Math.floor(index / BATCH);
  if (cache.batch !== batch) {
    cache.cases = fc.sample(FUZZ_CASE, { seed: (seed * 1_000_003 + batch) | 0, numRuns: BATCH });
    cache.batch = batch;
  }
  return cache.cases[index % BATCH]!;
}
