import { afterEach, describe, expect, it } from 'vitest';
import { SESSY_ERROR_CODES, SessyError, createSessyDevice, type SessyDevice } from '../../simulator/devices/sessy/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { RuntimeError } from '../../simulator/runtime/errors.ts';
import { describeSessy, startSessy } from '../../simulator/runtime/start-sessy.ts';

let running: RunningEmulator<SessyDevice> | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('startSessy', () => {
  it('listens on port 0 and answers over real HTTP with seed-derived credentials', async () => {
    running = await startSessy();
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.credentials?.user).toMatch(/^D[0-9A-Z]{7}$/);
    const open = await fetch(`${running.url}/api/v1/power/status`);
    expect(open.status).toBe(200);
    expect(((await open.json()) as { status: string }).status).toBe('ok');
    const denied = await fetch(`${running.url}/api/v1/system/info`);
    expect(denied.status).toBe(401);
    const auth = `Basic ${Buffer.from(`${running.credentials!.user}:${running.credentials!.password}`).toString('base64')}`;
    expect((await fetch(`${running.url}/api/v1/system/info`, { headers: { authorization: auth } })).status).toBe(200);
    expect(describeSessy(running)).toContain(running.credentials!.password);
  });

  it('accepts given credentials, a firmware and a no-auth mode', async () => {
    running = await startSessy({ user: 'DUSER001', password: 'PASS0001', firmware: '1.7.2' });
    expect(running.credentials).toEqual({ user: 'DUSER001', password: 'PASS0001' });
    await running.close();
    running = await startSessy({ noAuth: true });
    expect(running.credentials).toBeNull();
    expect((await fetch(`${running.url}/api/v1/system/settings`)).status).toBe(200);
  });

  // issue 14: on a real dongle the Basic-auth user is the sticker serial (docs/sessy-setpoint.md, identity).
  it('shows --user as the dongle serial: system/info.self_serial and the hostname follow it (issue 14)', async () => {
    running = await startSessy({ user: 'DQ7T2K9M', password: 'K7Q2M9XZ' });
    const auth = `Basic ${Buffer.from('DQ7T2K9M:K7Q2M9XZ').toString('base64')}`;
    const info = (await (await fetch(`${running.url}/api/v1/system/info`, { headers: { authorization: auth } })).json()) as { self_serial: string };
    expect(info.self_serial).toBe('DQ7T2K9M');
    expect(running.device.identity.dongleSerial).toBe('DQ7T2K9M');
    expect(running.device.identity.hostname).toBe('sessy-DQ7T');
    await running.control.reset(); // a reset rebuilds the same device, serial included
    expect(running.device.identity.dongleSerial).toBe('DQ7T2K9M');
  });

  it('keeps the seed’s other identity (password, MACs) whatever the user', async () => {
    running = await startSessy({ seed: 5 });
    const drawn = running.device.identity;
    await running.close();
    running = await startSessy({ seed: 5, user: 'DQ7T2K9M', password: 'K7Q2M9XZ' });
    expect({ ...running.device.identity, dongleSerial: drawn.dongleSerial, hostname: drawn.hostname }).toEqual(drawn);
  });

  it('advances its manual clock through /_sim/clock/advance', async () => {
    running = await startSessy({ seed: 7 });
    const before = running.clock.now();
    const r = await fetch(`${running.url}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds":60}' });
    expect(r.status).toBe(200);
    expect(running.clock.now() - before).toBe(60_000);
  });

  it.each([
    [{ colour: 'red' }, 'colour'],
    [{ port: -1 }, 'port'],
    [{ speed: 0 }, 'speed'],
    [{ firmware: '0.9' }, 'firmware'],
    [{ noAuth: true, user: 'D1' }, 'user'],
    [{ user: 'D 1' }, 'user'],
    [{ user: 'D:1' }, 'user'],
  ])('rejects the option %o naming %s', async (options, name) => {
    const attempt = startSessy(options as never);
    await expect(attempt).rejects.toBeInstanceOf(RuntimeError);
    await expect(attempt).rejects.toMatchObject({ code: 'RUNTIME_ERR_BAD_OPTION', message: expect.stringContaining(`"${name}"`) });
  });
});

describe('SESSY_ERR_* catalogue', () => {
  it('has stable, distinct codes with descriptions', () => {
    const codes = Object.keys(SESSY_ERROR_CODES);
    expect(codes).toEqual(['SESSY_ERR_UNKNOWN_FIRMWARE', 'SESSY_ERR_BAD_CONTROL', 'SESSY_ERR_BAD_OPTION']);
    for (const code of codes) expect(code).toMatch(/^SESSY_ERR_[A-Z_]+$/);
  });

  it.each([
    ['SESSY_ERR_UNKNOWN_FIRMWARE', () => createSessyDevice({ firmware: '0.1' as never })],
    ['SESSY_ERR_BAD_OPTION', () => createSessyDevice({ speed: 1 } as never)],
    ['SESSY_ERR_BAD_CONTROL', () => createSessyDevice().setOverride(Number.NaN)],
  ])('throws %s', (code, fn) => {
    expect(fn).toThrow(SessyError);
    try {
      fn();
    } catch (e) {
      expect((e as SessyError).code).toBe(code);
      expect((e as SessyError).message).toMatch(/^Failed to /);
    }
  });
});
