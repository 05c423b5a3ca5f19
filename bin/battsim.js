#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx battsim` works from a fresh checkout without a build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const cli = fileURLToPath(new URL('../simulator/cli.ts', import.meta.url));
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
