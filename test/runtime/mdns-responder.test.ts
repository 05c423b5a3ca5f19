/**
 * The mDNS responder's refusals: it answers on the interface of the address the emulator listens on, so it
 * needs an address this machine has. These cases fail before any packet is sent.
 */
import { describe, expect, it } from 'vitest';
import { sessyAdvertisement } from '../../simulator/devices/sessy/discovery.ts';
import { publishMdns } from '../../simulator/runtime/mdns-responder.ts';
import { describeSessy, startSessy } from '../../simulator/runtime/start-sessy.ts';

describe('publishMdns', () => {
  it('refuses a host name, asking for an address', async () => {
    await expect(publishMdns(sessyAdvertisement('DABCDEFG', 8080), 'localhost')).rejects.toMatchObject({ code: 'RUNTIME_ERR_MDNS', message: expect.stringContaining('is a name') });
  });

  it('refuses an address no interface of this machine has (192.0.2.1, a documentation address)', async () => {
    await expect(publishMdns(sessyAdvertisement('DABCDEFG', 8080), '192.0.2.1')).rejects.toMatchObject({ code: 'RUNTIME_ERR_MDNS', message: expect.stringContaining('no network interface') });
  });
});

describe('startSessy({ mdns })', () => {
  it('fails to start, with the responder’s reason, when discovery cannot run on its host', async () => {
    await expect(startSessy({ mdns: true, host: 'localhost' })).rejects.toMatchObject({ code: 'RUNTIME_ERR_MDNS' });
  });

  it('rejects a non-boolean mdns option', async () => {
    await expect(startSessy({ mdns: 'yes' as never })).rejects.toMatchObject({ code: 'RUNTIME_ERR_BAD_OPTION', message: expect.stringContaining('"mdns"') });
  });

  it('advertises nothing unless asked, and prints the announced name when it does', async () => {
    const sessy = await startSessy();
    try {
      expect(sessy.mdns).toBeNull();
      expect(describeSessy(sessy)).not.toContain('mDNS');
      const announced = { ...sessy, device: sessy.device, mdns: { fqdn: 'sessy-DABC (2)._http._tcp.local.', hostname: 'sessy-DABC.local.' } };
      expect(describeSessy(announced)).toContain('mDNS: sessy-DABC (2)._http._tcp.local. on host sessy-DABC.local.');
    } finally {
      await sessy.close();
    }
  });
});
