/**
 * The `/_sim/` control plane as a Fastify app of its own, built on the first `/_sim/` request and handed each one
 * raw (before its body is read) by a single wildcard route of the device's app. The control plane's two dozen
 * routes cost about 90 KB of heap per emulator (bench/emulator-memory.ts) and most emulators of a large site are
 * never asked for them; the vendor app keeps only the route that forwards.
 *
 * What a client sees is what the routes gave when they lived in the device's app: the same routes, hooks, body
 * limit and HEAD routes, and for a `/_sim/` URI or method the control plane does not serve, the device's own 404
 * (`sendNotFound`), before any token check or body is read.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import { lazySchemaController } from '../shared/lazy-schema-compilers.ts';
import { controlPlugin, type ControlPluginOptions } from './control-plugin.ts';

export interface LazyControlOptions extends ControlPluginOptions {
  /** The device's answer for a URI it does not serve. */
  readonly sendNotFound: (reply: FastifyReply) => FastifyReply;
}

/** The methods `/_sim/` serves (HEAD only where the app makes HEAD routes); any other goes to the device's app. */
const CONTROL_METHODS = ['GET', 'HEAD', 'POST', 'DELETE'];

export function serveControlLazily(app: FastifyInstance, options: LazyControlOptions): void {
  if (options.access !== undefined && !options.access.enabled) return;
  const { sendNotFound, ...pluginOptions } = options;
  let built: Promise<FastifyInstance> | undefined;
  const build = async (): Promise<FastifyInstance> => {
    // Fastify keeps exposeHeadRoutes in initialConfig without declaring it in the type.
    const { bodyLimit, exposeHeadRoutes } = app.initialConfig as { bodyLimit?: number; exposeHeadRoutes?: boolean };
    const control = Fastify({ loggerInstance: app.log, logController: new LogController({ disableRequestLogging: true }), bodyLimit, exposeHeadRoutes, schemaController: lazySchemaController() });
    control.addHook('onRequest', (request, reply, done) => (request.is404 ? sendNotFound(reply) : done()));
    control.setNotFoundHandler((_request, reply) => sendNotFound(reply));
    await control.register(controlPlugin, pluginOptions);
    await control.ready();
    return control;
  };
  app.addHook('onClose', async () => {
    if (built) await (await built).close();
  });
  app.route({
    method: CONTROL_METHODS,
    url: '/_sim/*',
    exposeHeadRoute: false,
    // Handed over before the body is read: the control app parses it with its own limits.
    onRequest: (request, reply) => {
      reply.hijack();
      built ??= build();
      built.then(
        (control) => control.routing(request.raw, reply.raw),
        (error: unknown) => {
          app.log.error(error);
          reply.raw.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'SIM_ERR_INTERNAL', message: 'Failed to start the simulation control: an internal error (logged). Please report it.' } }));
        },
      );
    },
    handler: () => undefined,
  });
}
