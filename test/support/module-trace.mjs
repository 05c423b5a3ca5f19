// `node --import ./test/support/module-trace.mjs`: appends the URL of every module the process imports (ESM
// resolution, which covers battsim's own files and the packages they import) to the file named by
// BATTSIM_MODULE_TRACE, one per line. test/cli/lazy-loading.test.ts reads it. Plain JavaScript: it is loaded
// before any TypeScript loader.
import { register } from 'node:module';

register('./module-trace-hooks.mjs', import.meta.url, { data: { file: process.env.BATTSIM_MODULE_TRACE } });
