// A CommonJS script using the installed package through require().
const assert = require('node:assert/strict');
const { startSessy } = require('battsim');
const { sessy: sessyClients } = require('battsim/clients');

// The require condition leads to the CommonJS bundle: Node before 20.19 cannot require() an ES module.
assert.match(require.resolve('battsim'), /dist[\\/]cjs[\\/]index\.cjs$/);
assert.match(require.resolve('battsim/clients'), /dist[\\/]cjs[\\/]clients\.cjs$/);

async function main() {
  const emulator = await startSessy({ seed: 8 });
  try {
    const client = sessyClients.createSessyClient({ baseUrl: emulator.url, credentials: emulator.credentials });
    emulator.control.setState({ soc: 0.9 });
    await client.setActiveStrategy('POWER_STRATEGY_API');
    await client.setPowerSetpoint(1500); // discharge
    emulator.control.advance(300);
    const status = await client.getPowerStatus();
    assert.ok(Math.abs(status.powerW - 1500) < 50, `power ${status.powerW} W`);
    assert.ok(status.socFraction < 0.9, `SOC ${status.socFraction}`);
    // The system info names the firmware the emulator plays (read from a YAML spec the package ships).
    const info = await client.getSystemInfo();
    assert.equal(typeof info.sessy_serial, 'string');
  } finally {
    await emulator.close();
  }
  console.log('cjs consumer: ok');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
