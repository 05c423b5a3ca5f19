/**
 * Each device's `/_sim/` control plane as a Fastify app of its own, built on the device's first `/_sim/` request and
 * handed each one raw (before its body is read) by a single wildcard route of the app that serves the device (which
 * may serve many: ../shared/device-binding.ts). The control plane's two dozen
 * routes cost about 90 KB of heap per emulator (bench/emulator-memory.ts) and most emulators of a large site are
 * never asked for them; the vendor app keeps only the route that forwards.
 *
 * What a client sees is what the routes gave when they lived in the device's app: the same routes, hooks, body
 * limit and HEAD routes, and for a `/_sim/` URI or method the control plane does not serve, the device's own 404
 * (`sendNotFound`), before any token check or body is read.
 */
import type { IncomingMessage } from 'node:http';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { lazySchemaController } from '../shared/lazy-schema-compilers.ts';
import { controlPlugin } from './control-plugin.ts';

/** The device a `/_sim/` request is for: its model, its control and the control plane's access rules. */
export interface ControlBinding {
  readonly runner: DeviceRunner;
  readonly control: SimControl;
  readonly access: ControlAccess;
}

export interface LazyControlOptions {
  /** The device of a request (one app may serve many: ../shared/device-binding.ts). */
  readonly bindingOf: (req: IncomingMessage) => ControlBinding;
  /** The device's answer for a URI it does not serve. */
  readonly sendNotFound: (reply: FastifyReply) => FastifyReply;
}

/** Closes the control plane built for a device, if one was: when the device stops. */
export type ReleaseControl = (binding: ControlBinding) => Promise<void>;

/** The methods `/_sim/` serves (HEAD only where the app makes HEAD routes); any other goes to the device's app. */
const CONTROL_METHODS = ['GET', 'HEAD', 'POST', 'DELETE'];

/**
 * Routes `/_sim/*` of the app to each device's control plane, built on the device's first `/_sim/` request. Serve
 * only devices whose control plane is on (`access.enabled`): an app for devices without one does not call this.
 */
export function serveControlLazily(app: FastifyInstance, options: LazyControlOptions): ReleaseControl {
  const { sendNotFound, bindingOf } = options;
  const built = new WeakMap<ControlBinding, Promise<FastifyInstance>>();
  const build = async (binding: ControlBinding): Promise<FastifyInstance> => {
    // Fastify keeps exposeHeadRoutes in initialConfig without declaring it in the type.
    const { bodyLimit, exposeHeadRoutes } = app.initialConfig as { bodyLimit?: number; exposeHeadRoutes?: boolean };
    const control = Fastify({ loggerInstance: app.log, logController: new LogController({ disableRequestLogging: true }), bodyLimit, exposeHeadRoutes, schemaController: lazySchemaController() });
    control.addHook('onRequest', (request, reply, done) => (request.is404 ? sendNotFound(reply) : done()));
    control.setNotFoundHandler((_request, reply) => sendNotFound(reply));
    await control.register(controlPlugin, { runner: binding.runner, control: binding.control, access: binding.access });
    await control.ready();
    return control;
  };
  const release: ReleaseControl = async (binding) => {
    const app = built.get(binding);
    built.delete(binding);
    if (app) await (await app).close();
  };
  app.route({
    method: CONTROL_METHODS,
    url: '/_sim/*',
    exposeHeadRoute: false,
    // Handed over before the body is read: the control app parses it with its own limits.
    onRequest: (request, reply) => {
      reply.hijack();
      const binding = bindingOf(request.raw);
      let control = built.get(binding);
      if (control === undefined) built.set(binding, (control = build(binding)));
      control.then(
        (app) => app.routing(request.raw, reply.raw),
        (error: unknown) => {
          app.log.error(error);
          reply.raw.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'SIM_ERR_INTERNAL', message: 'Failed to start the simulation control: an internal error (logged). Please report it.' } }));
        },
      );
    },
    handler: () => undefined,
  });
  return release;
}
