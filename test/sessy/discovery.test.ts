import { describe, expect, it } from 'vitest';
import { sessyAdvertisement, sessyHostname } from '../../simulator/devices/sessy/discovery.ts';

describe('sessyAdvertisement (docs/discovery-and-https.md, Sessy)', () => {
  it('names host and service instance sessy- plus the first four characters of the serial, on _http._tcp', () => {
    expect(sessyAdvertisement('DVMXWTND', 80)).toEqual({
      instanceName: 'sessy-DVMX',
      hostname: 'sessy-DVMX',
      serviceType: 'http',
      protocol: 'tcp',
      port: 80,
      txt: { serial: 'DVMXWTND', device: 'Sessy Dongle' },
    });
  });

  it('sets the TXT records serial first, then device, as the firmware does', () => {
    expect(Object.keys(sessyAdvertisement('DABCDEFG', 8080).txt)).toEqual(['serial', 'device']);
  });

  it('advertises the port it is given (the emulator’s bound port)', () => {
    expect(sessyAdvertisement('DABCDEFG', 54321).port).toBe(54321);
  });

  it.each([
    ['', 'sessy-UNKN'],
    ['DAB', 'sessy-DAB'],
    ['D.B:CDEF', 'sessy-D-B-'],
  ])('makes a host name of one DNS label from serial %j: %s', (serial, hostname) => {
    expect(sessyHostname(serial)).toBe(hostname);
  });
});
