#!/usr/bin/env node
// The `battsim` command. An installed package runs the built JavaScript in dist/ on plain node. A checkout of the
// repository (it has the TypeScript sources) runs them through tsx, a dev dependency, so that `npm ci && npm start`
// works without a build and never runs a stale dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../simulator/cli.ts', import.meta.url);
let cli = new URL('../dist/simulator/cli.js', import.meta.url);
if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = source;
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
