#!/usr/bin/env node
/**
 * `npm run build`: compiles simulator/, clients/ and contracts/ to dist/ (JavaScript, .d.ts, source maps) with
 * tsc, then copies every file tsc does not compile (YAML specs and scenarios, help texts) from simulator/,
 * clients/, contracts/ and openapi/ to the same relative path under dist/. So a run-time file located with
 * `new URL('./x', import.meta.url)` resolves the same way in the sources and in dist/.
 * Then it bundles dist/cjs/index.cjs and dist/cjs/clients.cjs with esbuild: CommonJS for require() and jest, whose
 * module system cannot load ES modules. Dependencies that ship CommonJS stay external; Faker (ES modules only) is
 * bundled in. Every `import.meta.url` becomes the URL of the dist/ file it came from, so run-time files resolve
 * as in the ES build.
 * Plain JavaScript, so that it runs on node without a TypeScript loader.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** Folders whose run-time files the built code reads through import.meta.url. */
const ASSET_ROOTS = ['simulator', 'clients', 'contracts', 'openapi'];

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) {
  process.exitCode = compiled.status ?? 1;
} else {
  let copied = 0;
  for (const top of ASSET_ROOTS) {
    for (const file of filesUnder(join(ROOT, top))) {
      if (file.endsWith('.ts')) continue;
      cpSync(file, join(DIST, relative(ROOT, file)));
      copied++;
    }
  }
  // Sessy's spec also as JSON: the emulator parses it at every start, and JSON needs no yaml import.
  const { parse } = createRequire(import.meta.url)('yaml');
  writeFileSync(join(DIST, 'openapi', 'sessy.json'), JSON.stringify(parse(readFileSync(join(ROOT, 'openapi', 'sessy.yaml'), 'utf8'))));
  writeFileSync(join(DIST, 'openapi', 'sessy-meter.json'), JSON.stringify(parse(readFileSync(join(ROOT, 'openapi', 'sessy-meter.yaml'), 'utf8'))));
  await bundleCommonJs();
  process.stdout.write(`battsim: built dist/, copied ${copied} run-time files, bundled dist/cjs/\n`);
}

async function bundleCommonJs() {
  const esbuild = await import('esbuild');
  const out = join(DIST, 'cjs');
  const entries = { index: 'simulator/index.js', clients: 'clients/index.js' };
  const importMetaUrl = {
    name: 'import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        if (!args.path.startsWith(DIST)) return undefined;
        const fromBundle = relative(out, args.path).split('\\').join('/');
        const contents = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', `__battsimModuleUrl(${JSON.stringify(fromBundle)})`);
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(DIST, file)])),
    outdir: out,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['fastify', 'openapi-backend', 'yaml'],
    banner: { js: "const __battsimModuleUrl = (file) => require('node:url').pathToFileURL(require('node:path').join(__dirname, file)).href;" },
    plugins: [importMetaUrl],
    logLevel: 'warning',
  });
  for (const name of Object.keys(entries)) {
    writeFileSync(join(out, `${name}.d.cts`), `export * from '${relative(out, join(DIST, entries[name])).split('\\').join('/')}';\n`);
  }
}

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}
