#!/usr/bin/env node
/**
 * `npm run build`: compiles simulator/, clients/ and contracts/ to dist/ (JavaScript, .d.ts, source maps) with
 * tsc, then copies every file tsc does not compile (YAML specs and scenarios, help texts) from simulator/,
 * clients/, contracts/ and openapi/ to the same relative path under dist/. So a run-time file located with
 * `new URL('./x', import.meta.url)` resolves the same way in the sources and in dist/.
 * Plain JavaScript, so that it runs on node without a TypeScript loader.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
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
  process.stdout.write(`battsim: built dist/ and copied ${copied} run-time files\n`);
}

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}
