import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../simulator/runtime/errors.ts';
import { describeHomevolt, startHomevolt } from '../../simulator/runtime/start-homevolt.ts';

describe('startHomevolt', () => {
  it('listens on a free port and answers over HTTP with the printed credentials', async () => {
    const emulator = await startHomevolt({ password: 'pw', units: 2 });
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.credentials).toEqual({ user: 'admin', password: 'pw' });
      expect(describeHomevolt(emulator)).toContain(emulator.url);
      expect(describeHomevolt(emulator)).toContain('password pw');
      const auth = `Basic ${Buffer.from('admin:pw').toString('base64')}`;
      const res = await fetch(`${emulator.url}/ems.json`, { headers: { authorization: auth } });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as any).ems).toHaveLength(2);
      expect(emulator.clock.mode).toBe('manual');
      expect(emulator.controlPlane).toBe('open');
      const advanced = await fetch(`${emulator.url}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 30 }) });
      expect(advanced.status).toBe(200);
      const later = (await (await fetch(`${emulator.url}/ems.json`, { headers: { authorization: auth } })).json()) as any;
      expect(later.ts).toBe(Date.UTC(2026, 5, 1) / 1000 + 30);
    } finally {
      await emulator.close();
    }
  });

  it('says there is no password by default', async () => {
    const emulator = await startHomevolt();
    try {
      expect(emulator.credentials).toBeNull();
      expect(describeHomevolt(emulator)).toContain('no password');
    } finally {
      await emulator.close();
    }
  });

  it.each([[{ colour: 'red' }, 'unknown option "colour"'], [{ firmware: '9999' }, 'firmware must be one of'], [{ units: 0 }, 'units must be'], [{ port: -1 }, 'port must be']])('rejects %o naming the problem', async (options, text) => {
    const error = await startHomevolt(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).code).toBe('RUNTIME_ERR_BAD_OPTION');
    expect((error as RuntimeError).message).toContain(text);
  });
});
