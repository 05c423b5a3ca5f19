#!/usr/bin/env node
/**
 * npm's `prepare` script. npm runs it in two places: after `npm ci` or `npm install` in a checkout of battsim, and when
 * a project installs battsim from git (npm clones it, installs its dev dependencies, runs `prepare`, and packs the
 * result; it does not run `prepack` there). Only the second needs dist/: a checkout runs the TypeScript sources
 * (bin/battsim.js) and `npm test` builds first. npm sets INIT_CWD to the directory it was run in: in a checkout's own
 * install that is this package's root, in a git install the project installing battsim. So this builds unless
 * INIT_CWD is the root, and a checkout's `npm ci` does not pay for a build it does not use (9 s on a 2-core machine).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Whether `prepare` builds dist/: not when npm was run in the package's own root (a checkout installing its tools). */
export function shouldBuild(initCwd, root = ROOT) {
  return initCwd === undefined || initCwd === '' || resolve(initCwd) !== resolve(root);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && shouldBuild(process.env.INIT_CWD)) {
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('./build.js', import.meta.url))], { stdio: 'inherit' });
  process.exitCode = built.status ?? 1;
}
