import { afterEach, describe, expect, it } from 'vitest';
import { lockoutSeconds } from '../../simulator/devices/homevolt/index.ts';
import { basic, createHarness, PASSWORD, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());
const wrong = basic('admin', 'nope');

describe('authentication', () => {
  it('serves everything without credentials when the device has no password (its default)', async () => {
    h = await createHarness();
    expect((await h.get('/ems.json', {})).statusCode).toBe(200);
  });

  it('asks for Basic credentials of user admin', async () => {
    h = await createHarness({ password: PASSWORD });
    const res = await h.get('/ems.json', {});
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect((await h.get('/ems.json', basic('root', PASSWORD))).statusCode).toBe(401);
    expect((await h.get('/ems.json', basic('admin', PASSWORD))).statusCode).toBe(200);
  });

  it('leaves captive-portal probes open', async () => {
    h = await createHarness({ password: PASSWORD });
    expect((await h.get('/generate_204', {})).statusCode).toBe(204);
    const redirect = await h.get('/redirect', { host: '127.0.0.1:8081' });
    expect(redirect.statusCode).toBe(302);
    // To the device's own page at the address the client used: never the simulated Wi-Fi address.
    expect(redirect.headers.location).toBe('http://127.0.0.1:8081/');
  });

  it('follows the documented lockout table: 5→1 s, 6→2 s, 7→4 s, 8+→10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 12].map(lockoutSeconds)).toEqual([0, 0, 0, 0, 1, 2, 4, 10, 10, 10]);
  });

  it('locks out after 5 failures with 429 in simulated time, even for the right password', async () => {
    h = await createHarness({ password: PASSWORD });
    for (let i = 0; i < 5; i++) expect((await h.get('/ems.json', wrong)).statusCode).toBe(401);
    const locked = await h.get('/ems.json', basic('admin', PASSWORD));
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('1');
    h.advance(1);
    expect((await h.get('/ems.json', basic('admin', PASSWORD))).statusCode).toBe(200);
    expect((await h.get('/ems.json', wrong)).statusCode).toBe(401);
    expect((await h.get('/ems.json', basic('admin', PASSWORD))).statusCode).toBe(429);
    h.advance(1.5);
    expect((await h.get('/ems.json', basic('admin', PASSWORD))).statusCode).toBe(429);
    h.advance(0.5);
    expect((await h.get('/ems.json', basic('admin', PASSWORD))).statusCode).toBe(200);
  });

  it('forgets the failures after 5 minutes without one', async () => {
    h = await createHarness({ password: PASSWORD });
    for (let i = 0; i < 4; i++) await h.get('/ems.json', wrong);
    h.advance(300);
    expect((await h.get('/ems.json', wrong)).statusCode).toBe(401);
    expect((await h.get('/ems.json', basic('admin', PASSWORD))).statusCode).toBe(200);
  });

  it('records a lockout in the logs and the error history', async () => {
    h = await createHarness({ password: PASSWORD });
    for (let i = 0; i < 5; i++) await h.get('/ems.json', wrong);
    h.advance(2);
    const history = (await h.getJson('/error_history.json')) as any[];
    expect(history.at(-1)).toMatchObject({ severity: 'WARNING', sub_system_name: 'httpd', message: 'Login failed 5 times: locked out for 1 s' });
  });

  it('never changes state on a request it refuses', async () => {
    h = await createHarness({ password: PASSWORD });
    const before = JSON.stringify(h.device.params.list());
    const res = await h.post('/params.json', { k: 'settings_local', v: 'true' }, wrong);
    expect(res.statusCode).toBe(401);
    expect(JSON.stringify(h.device.params.list())).toBe(before);
  });
});
