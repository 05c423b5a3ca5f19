// A jest suite as most projects have it: CommonJS, default configuration, the emulator started in process.
const { startSessy } = require('battsim');

let sessy;
beforeAll(async () => {
  sessy = await startSessy({ seed: 42 });
});
afterAll(() => sessy.close());

test('charges at the API setpoint the integration sends', async () => {
  const auth = 'Basic ' + Buffer.from(`${sessy.credentials.user}:${sessy.credentials.password}`).toString('base64');
  const post = (path, body) => fetch(sessy.url + path, { method: 'POST', headers: { authorization: auth }, body: JSON.stringify(body) });
  sessy.control.setState({ soc: 0.3 });
  expect((await post('/api/v1/power/active_strategy', { strategy: 'POWER_STRATEGY_API' })).status).toBe(200);
  expect((await post('/api/v1/power/setpoint', { setpoint: -1500 })).status).toBe(200);
  sessy.control.advance(120);
  const status = await (await fetch(sessy.url + '/api/v1/power/status')).json();
  expect(status.sessy.power).toBeGreaterThan(-1520);
  expect(status.sessy.power).toBeLessThan(-1480);
  expect(status.sessy.state_of_charge).toBeGreaterThan(0.3);
});

test('answers a wrong password with the dongle\'s 401', async () => {
  const res = await fetch(sessy.url + '/api/v1/power/active_strategy', { headers: { authorization: 'Basic ' + Buffer.from('x:y').toString('base64') } });
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe('Basic realm="Sessy"');
});
