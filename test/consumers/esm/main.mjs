// A plain Node ES module script using the installed package: emulator, clients and simulation control.
import assert from 'node:assert/strict';
import { startHomevolt, startSessy } from 'battsim';
import { sessy as sessyClients } from 'battsim/clients';

const emulator = await startSessy({ seed: 7 });
try {
  const client = sessyClients.createSessyClient({ baseUrl: emulator.url, credentials: emulator.credentials });
  emulator.control.setState({ soc: 0.4 });
  await client.setActiveStrategy('POWER_STRATEGY_API');
  await client.setPowerSetpoint(-2000); // charge
  emulator.control.advance(300);
  const status = await client.getPowerStatus();
  assert.ok(Math.abs(status.powerW + 2000) < 50, `power ${status.powerW} W`);
  assert.ok(status.socFraction > 0.4, `SOC ${status.socFraction}`);
} finally {
  await emulator.close();
}

const homevolt = await startHomevolt({ seed: 7 });
try {
  const ems = await (await fetch(`${homevolt.url}/ems.json`)).json();
  assert.equal(ems.$type, 'ems_data');
} finally {
  await homevolt.close();
}
console.log('esm consumer: ok');
