// The package's documented entry points, typed as a consumer sees them (battsim, battsim/clients).
import { startHomevolt, startSessy, type RunningEmulator, type SessyStartOptions } from 'battsim';
import { createKeepAliveFetch, sessy, homevolt, control, type Battery } from 'battsim/clients';

const options: SessyStartOptions = { seed: 1, speed: 'manual' };
const emulator: RunningEmulator = await startSessy(options);
const client = sessy.createSessyClient({ baseUrl: emulator.url, credentials: emulator.credentials, fetch: createKeepAliveFetch() });
const battery: Battery = sessy.createSessyBattery({ client });
const soc: number = (await client.getPowerStatus()).socFraction;
void [battery, soc, homevolt, control];
await emulator.close();
await (await startHomevolt()).close();
