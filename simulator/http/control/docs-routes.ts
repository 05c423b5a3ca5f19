/**
 * `/_sim/docs/`: OpenAPI pages (Swagger UI, through @fastify/swagger and @fastify/swagger-ui) for this emulator's
 * vendor API and for `/_sim/`, from openapi/*.yaml, served offline from node_modules.
 *
 * Loaded lazily: the plugins and Swagger UI's 2.5 MB of assets are imported and built into a Fastify instance of
 * their own on the first request to `/_sim/docs/`, and every docs request is answered through it by `inject()`.
 * An emulator that nobody asks for its docs (every test, every CI run) starts as fast as before; so is the yaml
 * library (about 25 ms of a cold start), which only this page and scenarios in YAML need.
 */
import { readFile } from 'node:fs/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DeviceKind } from '../../core/index.ts';

export const DOCS_PREFIX = '/_sim/docs';

const SPEC_FILES: Readonly<Record<DeviceKind, string>> = { sessy: 'sessy.yaml', homevolt: 'homevolt.yaml', 'sessy-meter': 'sessy-meter.yaml' };
const SPEC_TITLES: Readonly<Record<DeviceKind, string>> = { sessy: 'Sessy local API', homevolt: 'Homevolt local API', 'sessy-meter': 'Sessy P1/CT meter local API' };

export function isDocsPath(url: string): boolean {
  return url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`);
}

/** A spec as served here: "Try it out" goes to this emulator, never to the addresses the spec names. */
async function loadSpec(file: string, parse: (text: string) => unknown): Promise<Record<string, unknown>> {
  const doc = parse(await readFile(new URL(`../../../openapi/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  return { ...doc, servers: [{ url: '/', description: 'this emulator' }] };
}

async function buildDocsApp(kind: DeviceKind): Promise<FastifyInstance> {
  const [{ default: swagger }, { default: swaggerUi }, { parse, stringify }] = await Promise.all([import('@fastify/swagger'), import('@fastify/swagger-ui'), import('yaml')]);
  const vendor = await loadSpec(SPEC_FILES[kind], parse);
  const control = await loadSpec('sim-control.yaml', parse);
  const docs = Fastify({ logger: false });
  await docs.register(swagger, { mode: 'static', specification: { document: vendor as never } });
  await docs.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    // Swagger UI's topbar picks one of these; the relative URLs resolve against /_sim/docs/.
    uiConfig: { urls: [{ url: './spec/vendor.yaml', name: SPEC_TITLES[kind] }, { url: './spec/sim-control.yaml', name: 'Simulation control (/_sim/)' }], tryItOutEnabled: false } as never,
    validatorUrl: false,
  });
  const texts = new Map([
    ['vendor.yaml', stringify(vendor)],
    ['sim-control.yaml', stringify(control)],
  ]);
  docs.get(`${DOCS_PREFIX}/spec/:name`, async (request, reply) => {
    const text = texts.get((request.params as { name: string }).name);
    if (text === undefined) return reply.code(404).send({ error: { code: 'SIM_ERR_NOT_FOUND', message: 'Failed to find the spec: use vendor.yaml or sim-control.yaml.' } });
    return reply.type('application/yaml').send(text);
  });
  await docs.ready();
  return docs;
}

export async function docsRoutes(app: FastifyInstance, options: { readonly kind: () => DeviceKind }): Promise<void> {
  let docs: Promise<FastifyInstance> | undefined;
  app.addHook('onClose', async () => {
    if (docs) await (await docs).close();
  });
  app.get(DOCS_PREFIX, async (_request, reply) => reply.redirect(`${DOCS_PREFIX}/`));
  app.get(`${DOCS_PREFIX}/*`, async (request, reply) => {
    docs ??= buildDocsApp(options.kind());
    const answer = await (await docs).inject({ method: 'GET', url: request.url, headers: { accept: request.headers.accept ?? '*/*' } });
    for (const name of ['content-type', 'location', 'content-security-policy']) {
      const value = answer.headers[name];
      if (value !== undefined) reply.header(name, value);
    }
    return reply.code(answer.statusCode).send(answer.rawPayload);
  });
}
