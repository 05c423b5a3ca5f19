// battsim and battsim/clients from a CommonJS TypeScript project that resolves modules as Node 10 did: the types
// come from "types" and "typesVersions", the code from the "require" condition. Compiled by tsc, then run.
import { startSessy } from 'battsim';
import { sessy } from 'battsim/clients';

async function main(): Promise<void> {
  const emulator = await startSessy({ seed: 3 });
  try {
    const client = sessy.createSessyClient({ baseUrl: emulator.url, credentials: emulator.credentials });
    const status = await client.getPowerStatus();
    const soc: number = status.socFraction;
    console.log(`typescript-node10 consumer: ok (SOC ${soc.toFixed(2)})`);
  } finally {
    await emulator.close();
  }
}

void main();
