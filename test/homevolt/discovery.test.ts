import { describe, expect, it } from 'vitest';
import { homevoltAdvertisement } from '../../simulator/devices/homevolt/discovery.ts';
import { createHomevoltDevice } from '../../simulator/devices/homevolt/index.ts';

describe('homevoltAdvertisement (docs/discovery-and-https.md, Homevolt)', () => {
  it('names the instance Homevolt and the host homevolt-<ecu_id>, on _http._tcp, with no TXT record invented', () => {
    expect(homevoltAdvertisement('68b6b34cda94', 80)).toEqual({
      instanceName: 'Homevolt',
      hostname: 'homevolt-68b6b34cda94',
      serviceType: 'http',
      protocol: 'tcp',
      port: 80,
      txt: {},
    });
  });

  it('takes the instance name from ecu_mdns_instance_name, whose default is Homevolt', () => {
    const device = createHomevoltDevice({ seed: 1 });
    expect(device.params.get('ecu_mdns_instance_name')).toEqual(['Homevolt']);
    expect(homevoltAdvertisement('68b6b34cda94', 80, 'Garage battery').instanceName).toBe('Garage battery');
    expect(homevoltAdvertisement('68b6b34cda94', 80, '').instanceName).toBe('Homevolt');
  });

  it('uses the host name the device model already shows', () => {
    const device = createHomevoltDevice({ seed: 7 });
    expect(homevoltAdvertisement(device.identity.units[0]!.ecuId, 80).hostname).toBe(device.identity.hostname);
  });
});
