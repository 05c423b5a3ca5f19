/** `battsim` from the TypeScript sources, as test/support/battsim-process.ts runs it: what bin/battsim.js does with dist/. */
import { main } from '../../simulator/cli.ts';

process.exitCode = await main(process.argv.slice(2));
