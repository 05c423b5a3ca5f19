/** Logs through Fastify's logger (pino): silent by default, one line per vendor request when asked, pretty or JSON. */
import { afterEach, describe, expect, it } from 'vitest';
import { formatPrettyLine } from '../../simulator/runtime/logging.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const capture = () => {
  const lines: string[] = [];
  return { lines, destination: { write: (chunk: string) => lines.push(...chunk.split('\n').filter((l) => l !== '')) } };
};

describe('emulator logging', () => {
  it('is silent by default (the Node API and tests)', async () => {
    const { lines, destination } = capture();
    emulator = await startSessy({ logDestination: destination });
    await fetch(`${emulator.url}/api/v1/power/status`);
    expect(lines).toEqual([]);
  });

  it('writes one JSON line per vendor request at info: simulated and wall time, device, method, path, status, latency', async () => {
    const { lines, destination } = capture();
    emulator = await startHomevolt({ logLevel: 'info', logDestination: destination });
    emulator.control.advance(90);
    await fetch(`${emulator.url}/status.json`);
    await fetch(`${emulator.url}/_sim/state`);
    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === 'request');
    expect(requests).toHaveLength(1);
    const line = requests[0]!;
    expect(line).toMatchObject({ level: 30, msg: 'request', simTime: '2026-06-01T00:01:30.000Z', device: 'homevolt', method: 'GET', path: '/status.json', status: 200, faults: [] });
    expect(Date.parse(line['time'] as string)).not.toBeNaN();
    expect(line['latencyMs']).toBeGreaterThan(0);
  });

  it('writes short human lines with logFormat pretty, naming the faults applied', async () => {
    const { lines, destination } = capture();
    emulator = await startSessy({ logLevel: 'info', logFormat: 'pretty', logDestination: destination });
    emulator.control.addFault({ type: 'error', status: 503, scope: { count: 1 } });
    await fetch(`${emulator.url}/api/v1/power/status`);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} Server listening at http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} \[sim 2026-06-01 00:00:00\] sessy GET \/api\/v1\/power\/status 503 \d+\.\d ms faults f1$/);
  });

  it('prints a request that got no answer, and other messages with their level', () => {
    expect(formatPrettyLine({ time: '2026-12-02T05:00:00.123Z', simTime: '2026-06-01T01:00:00.000Z', level: 30, device: 'sessy', method: 'GET', path: '/x', status: null, latencyMs: 1, faults: ['f2'] })).toBe(
      '05:00:00.123 [sim 2026-06-01 01:00:00] sessy GET /x no answer 1.0 ms faults f2',
    );
    expect(formatPrettyLine({ time: '2026-12-02T05:00:00.123Z', level: 50, msg: 'boom', err: { message: 'why' } })).toBe('05:00:00.123 ERROR boom why');
  });

  it.each([
    [{ logLevel: 'loud' }, /option "logLevel" must be one of silent/],
    [{ logFormat: 'xml' }, /option "logFormat" must be "pretty" or "json"/],
  ])('refuses %j at start', async (options, message) => {
    await expect(startSessy(options as never)).rejects.toThrow(message);
    await expect(startHomevolt(options as never)).rejects.toThrow(message);
  });
});
