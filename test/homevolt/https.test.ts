/**
 * Homevolt's HTTPS option (`https: true`, `--https`): a self-signed certificate made at start, and clients
 * that connect without verifying it, as hv_local does by default (docs/discovery-and-https.md).
 */
import { request } from 'node:https';
import type { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomevoltDevice } from '../../simulator/devices/homevolt/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { describeHomevolt, startHomevolt } from '../../simulator/runtime/start-homevolt.ts';

interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
  readonly peerCertificate: X509Certificate | undefined;
}

/** A GET over TLS; `verify: false` is aiohttp's `ssl=False`, what clients of the device use. */
function get(url: string, path: string, options: { verify: boolean; auth?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { rejectUnauthorized: options.verify, headers: options.auth ? { authorization: options.auth } : {}, agent: false }, (res) => {
      const raw = (res.socket as import('node:tls').TLSSocket).getPeerX509Certificate?.();
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body, peerCertificate: raw }));
    });
    req.on('error', reject);
    req.end();
  });
}

const AUTH = `Basic ${Buffer.from('admin:secret').toString('base64')}`;
let emulator: RunningEmulator<HomevoltDevice>;

beforeAll(async () => {
  emulator = await startHomevolt({ https: true, password: 'secret' });
});
afterAll(async () => {
  await emulator.close();
});

describe('startHomevolt({ https: true })', () => {
  it('serves /ems.json over HTTPS to a client that does not verify the certificate', async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const answer = await get(emulator.url, '/ems.json', { verify: false, auth: AUTH });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body).ems[0].ecu_id).toBeDefined();
  });

  it('still asks for the password over HTTPS', async () => {
    const answer = await get(emulator.url, '/ems.json', { verify: false });
    expect(answer.status).toBe(401);
    const wrong = await get(emulator.url, '/ems.json', { verify: false, auth: `Basic ${Buffer.from('admin:nope').toString('base64')}` });
    expect(wrong.status).toBe(401);
  });

  it('presents a self-signed certificate for the device host name, which a verifying client refuses', async () => {
    const answer = await get(emulator.url, '/ems.json', { verify: false, auth: AUTH });
    const cert = answer.peerCertificate!;
    expect(cert.subject).toContain(`CN=${emulator.device.identity.hostname}.local`);
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    await expect(get(emulator.url, '/ems.json', { verify: true, auth: AUTH })).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('speaks only TLS on its port: a plain HTTP request gets no answer', async () => {
    const plain = emulator.url.replace(/^https:/, 'http:');
    await expect(fetch(`${plain}/ems.json`, { headers: { authorization: AUTH } })).rejects.toThrow();
  });

  it('says so when it starts', () => {
    expect(describeHomevolt(emulator)).toContain('HTTPS: self-signed certificate');
  });
});

describe('startHomevolt without https', () => {
  it('serves plain HTTP, as the device does out of the box', async () => {
    const plain = await startHomevolt();
    try {
      expect(plain.url).toMatch(/^http:\/\//);
      expect(describeHomevolt(plain)).not.toContain('HTTPS');
    } finally {
      await plain.close();
    }
  });

  it.each([[{ https: 'yes' }, 'https must be a boolean'], [{ mdns: 1 }, 'mdns must be a boolean']])('rejects %o naming the problem', async (options, text) => {
    await expect(startHomevolt(options as never)).rejects.toMatchObject({ code: 'RUNTIME_ERR_BAD_OPTION', message: expect.stringContaining(text) });
  });
});
