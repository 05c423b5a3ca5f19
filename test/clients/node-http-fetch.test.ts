/** The keep-alive node:http transport behaves as the global fetch does for the clients, faults included. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSessyClient, SessyClientError } from '../../clients/sessy/index.ts';
import { createNodeHttpFetch, type NodeHttpFetch } from '../../clients/shared/node-http-fetch.ts';
import type { SessyDevice } from '../../simulator/devices/sessy/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

let sessy: RunningEmulator<SessyDevice>;
let transport: NodeHttpFetch;
beforeAll(async () => {
  sessy = await startSessy({ seed: 4 });
  transport = createNodeHttpFetch();
});
afterAll(async () => {
  transport.close();
  await sessy.close();
});
beforeEach(() => sessy.control.clearFaults());

const client = (timeoutMs = 2000) => createSessyClient({ baseUrl: sessy.url, credentials: sessy.credentials, fetch: transport, timeoutMs, retries: 0 });
const kindOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: SessyClientError) => e.code);

describe('createNodeHttpFetch', () => {
  it('reads and writes through one kept-alive socket, answering exactly as fetch does', async () => {
    const viaNode = await transport(`${sessy.url}/api/v1/power/status`, {});
    const viaFetch = await fetch(`${sessy.url}/api/v1/power/status`);
    expect(viaNode.status).toBe(viaFetch.status);
    expect(viaNode.headers.get('content-type')).toBe(viaFetch.headers.get('content-type'));
    expect(await viaNode.text()).toBe(await viaFetch.text());
    await client().setActiveStrategy('POWER_STRATEGY_API');
    expect(await client().getActiveStrategy()).toBe('POWER_STRATEGY_API');
  });

  it('sends the path fetch would send: escaped where it needs escaping, the same for every request to one origin', async () => {
    for (const path of ['/api/v1/power/status?x=1', '/api/v1/no such path', '/api/v1/ä', '/api/v1/a#fragment']) {
      const viaNode = await transport(`${sessy.url}${path}`, {});
      const viaFetch = await fetch(`${sessy.url}${path}`);
      expect([path, viaNode.status, await viaNode.text()]).toEqual([path, viaFetch.status, await viaFetch.text()]);
    }
    await expect(transport('https://127.0.0.1:1/', {})).rejects.toThrow(/only http: URLs/);
    await expect(transport('not a url', {})).rejects.toThrow(/not a URL/);
  });

  it.each([
    [{ type: 'reset' }, 'SESSY_CLIENT_ERR_CONNECTION_DROPPED'],
    [{ type: 'truncate', keepFraction: 0.4 }, 'SESSY_CLIENT_ERR_CONNECTION_DROPPED'],
    [{ type: 'latency', latency: { distribution: 'fixed', ms: 600 } }, 'SESSY_CLIENT_ERR_TIMEOUT'],
    [{ type: 'error', status: 500 }, 'SESSY_CLIENT_ERR_DEVICE'],
  ])('turns a real %j fault into the same typed error as fetch', async (fault, code) => {
    sessy.control.addFault({ ...fault, scope: { path: '/api/v1/power/status', count: 1 } });
    expect(await kindOf(client(300).getPowerStatus())).toBe(code);
    expect(await kindOf(client(300).getPowerStatus())).toBe('ok');
  });
});
