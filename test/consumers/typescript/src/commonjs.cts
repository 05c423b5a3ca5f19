// A CommonJS TypeScript file: require() resolves the "require" condition and its types.
import battsim = require('battsim');
import clients = require('battsim/clients');

async function run(): Promise<string> {
  const emulator = await battsim.startSessy({ seed: 2 });
  await emulator.close();
  return emulator.url + clients.sessy.POWER_STRATEGIES.length;
}

export = run;
