/**
 * Builds the Homevolt emulator's Fastify app (no listen): the vendor API in one encapsulated context –
 * raw-body parsing for both form encodings, the device's 503 while booting or installing, Basic auth with
 * lockout, device-style error answers – and the /_sim/ control plane beside it. The model is synced to the
 * clock before every request.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { HomevoltDevice } from '../../devices/homevolt/index.ts';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import type { TlsMaterial } from '../shared/tls-material.ts';
import { attachSimulation } from '../control/attach-simulation.ts';
import { controlPlugin } from '../control/control-plugin.ts';
import { createAuthCheck } from './auth.ts';
import { renderHomevoltError, sendEspError } from './esp-errors.ts';
import type { OperationId, RenderCache, RouteDef } from './operations.ts';
import { BadQuery } from './query.ts';
import { lazySchemaController } from '../shared/lazy-schema-compilers.ts';
import { espServerFactoryOptions, parserRefusal, installEspServer, teachEspMethods, type EspServerOptions } from '../shared/esp-httpd.ts';
import { controlRoutes } from './routes-control.ts';
import { diagnosticsRoutes } from './routes-diagnostics.ts';
import { fileRoutes } from './routes-files.ts';
import { nodeRoutes } from './routes-nodes.ts';
import { portalRoutes } from './routes-portal.ts';
import { telemetryRoutes } from './routes-telemetry.ts';

export interface HomevoltAppOptions extends EspServerOptions {
  readonly runner: DeviceRunner;
  /** The web server password; null: no authentication (the device's default). */
  readonly password: string | null;
  /** Fastify's logger (pino); default off. Vendor requests are logged one line each by the fault hooks. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Serve HTTPS with this key and certificate (the device's HTTPS option); default plain HTTP. */
  readonly https?: TlsMaterial;
  /**
   * The simulation around the device (startHomevolt passes it): the control surface, its access rules, and the
   * wall-clock wait that latency and trickle faults use. Without it only the minimal /_sim/ is served.
   */
  readonly simulation?: { readonly control: SimControl; readonly access: ControlAccess; readonly sleep: (ms: number) => Promise<void> };
}

/** Largest form body [bytes] on POST /params.json and /console.json. */
export const FORM_BODY_LIMIT = 16 * 1024;

/** Every operation has a route: a missing one does not compile. */
export const HOMEVOLT_ROUTES: Readonly<Record<OperationId, RouteDef>> = {
  ...telemetryRoutes,
  ...controlRoutes,
  ...nodeRoutes,
  ...diagnosticsRoutes,
  ...fileRoutes,
  ...portalRoutes,
};

export async function buildHomevoltApp(options: HomevoltAppOptions): Promise<FastifyInstance> {
  const { runner, password } = options;
  // Read the device from the runner on every request: a /_sim/ reset puts a fresh one in place.
  const current = (): HomevoltDevice => runner.device as HomevoltDevice;
  // No automatic HEAD routes: ESP-IDF matches HEAD like any other method, so HEAD on a GET-only URI is 405.
  // Fastify's schema compilers load only if a route has a schema (none has): a faster cold start (issue 13).
  const base = { logger: options.logger ?? false, logController: new LogController({ disableRequestLogging: true }), bodyLimit: FORM_BODY_LIMIT, forceCloseConnections: true, exposeHeadRoutes: false, schemaController: lazySchemaController() };
  const timeouts = espServerFactoryOptions(options).http;
  // Typed as the HTTP instance either way: routes, hooks and inject() do not depend on the transport.
  const app = (options.https ? Fastify({ ...base, https: { key: options.https.key, cert: options.https.cert, ...timeouts } }) : Fastify({ ...base, http: timeouts })) as FastifyInstance;
  teachEspMethods(app);
  installEspServer(app.server, options);
  // A URI the device registers, exactly or by a wildcard (SPIFFS paths, captive probes): another method on it is 405.
  const exactPaths = new Set(Object.values(HOMEVOLT_ROUTES).map((r) => r.url).filter((u) => !u.endsWith('*')));
  const wildcardPrefixes = Object.values(HOMEVOLT_ROUTES).map((r) => r.url).filter((u) => u.endsWith('*')).map((u) => u.slice(0, -1));
  const isKnownPath = (path: string): boolean => exactPaths.has(path) || wildcardPrefixes.some((prefix) => path.startsWith(prefix));
  const contentTypes = new WeakMap<object, string | undefined>();
  // The operations on an exact URI with the form body limit are looked up in this table through the not-found
  // handler, not routed by Fastify: each Fastify route costs some 3 KB of heap per emulator (bench/emulator-memory.ts).
  // The lookup compares the URI as sent, as ESP-IDF does. Wildcard URIs and larger bodies keep their Fastify route.
  const table = new Map<string, RouteDef>(
    Object.values(HOMEVOLT_ROUTES)
      .filter((r) => !r.url.endsWith('*') && r.bodyLimit === undefined)
      .map((r) => [`${r.method} ${r.url}`, r] as const),
  );
  const tableRouteOf = (request: FastifyRequest): RouteDef | undefined => (request.is404 ? table.get(`${request.method} ${(request.raw.url ?? '').split('?')[0]!}`) : undefined);
  // ESP-IDF's order before any firmware code: the parser (a method it does not know is 400), then the URI and the
  // method (404, 405, before authentication and before a byte of the body is read). The firmware reads any body,
  // so Fastify gets a neutral Content-Type and the handlers the client's. /_sim/ is not the device's.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/_sim/')) return done();
    const refusal = parserRefusal(request.method, request.raw.httpVersionMajor, request.raw.httpVersionMinor);
    // ESP-IDF's own error handler returns ESP_FAIL, which closes the socket (httpd_req_handle_err).
    if (refusal !== undefined) return sendEspError(reply.header('connection', 'close'), refusal);
    if (request.is404 && tableRouteOf(request) === undefined) return sendEspError(reply.header('connection', 'close'), isKnownPath((request.raw.url ?? '').split('?')[0]!) ? 405 : 404);
    contentTypes.set(request, request.headers['content-type']);
    if (request.headers['content-type'] !== undefined) request.headers['content-type'] = 'application/octet-stream';
    done();
  });
  const sim = options.simulation;
  if (sim) await attachSimulation(app, { device: { runner, control: sim.control, access: sim.access }, controlPlane: sim.access.enabled, sleep: sim.sleep, renderError: renderHomevoltError, sendNotFound: (reply) => sendEspError(reply, 404) });
  else await app.register(controlPlugin, { runner });
  const checkAuth = createAuthCheck(password);
  const cache: RenderCache = { emsKey: '', emsJson: '', device: null };

  await app.register(async (vendor) => {
    vendor.removeAllContentTypeParsers();
    vendor.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    vendor.setErrorHandler((error, request, reply) => {
      if (error instanceof BadQuery) return sendEspError(reply, 400, error.message);
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      // A body Fastify could not read (too long, cut short): ESP-IDF's 400, after routing and authentication.
      if (status < 500) return sendEspError(reply, 400);
      current().log('error', 'httpd', `${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      return sendEspError(reply, 500);
    });
    // A callback hook, not an async one: this runs on every request and a promise per request shows in the bench.
    vendor.addHook('onRequest', (request, reply, done) => {
      const tableRoute = tableRouteOf(request);
      // Not the device's (a /_sim/ URI with a method the control plane lacks): the not-found handler's 404 or 405.
      if (request.is404 && tableRoute === undefined) return done();
      runner.sync();
      const device = current();
      if ((tableRoute ?? (request.routeOptions.config as { open?: boolean } | undefined))?.open) return done();
      if (device.availability() !== 'up') {
        const atMs = device.availableAtMs() ?? device.site.now();
        reply.header('Retry-After', String(Math.max(1, Math.ceil((atMs - device.site.now()) / 1000))));
        sendEspError(reply, 503);
        return;
      }
      if (checkAuth(device, request, reply) === undefined) done();
    });
    for (const route of Object.values(HOMEVOLT_ROUTES)) {
      if (table.has(`${route.method} ${route.url}`)) continue;
      vendor.route({
        method: route.method,
        url: route.url,
        bodyLimit: route.bodyLimit ?? FORM_BODY_LIMIT,
        config: { open: route.open === true },
        handler: (request, reply) => route.handler({ device: current(), cache, contentType: contentTypes.get(request) }, request, reply),
      });
    }
    // The table's operations; and ESP-IDF's server for the rest: a known URI with another method is 405, anything
    // else 404 – including `//ems.json`.
    vendor.setNotFoundHandler((request, reply) => {
      const route = tableRouteOf(request);
      if (route !== undefined) return route.handler({ device: current(), cache, contentType: contentTypes.get(request) }, request, reply);
      const path = (request.raw.url ?? '').split('?')[0]!;
      return sendEspError(reply, isKnownPath(path) ? 405 : 404);
    });
  });
  return app;
}
