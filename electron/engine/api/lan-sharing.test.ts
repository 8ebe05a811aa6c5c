import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isPrivateLanAddress, privateLanAddresses } from './lan-sharing';

const v4 = (address: string, internal = false) =>
  ({
    address,
    family: 'IPv4',
    internal,
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: null,
  }) as NetworkInterfaceInfo;

describe('LAN sharing offers only private addresses of real interfaces', () => {
  it('knows the private ranges and nothing else', () => {
    for (const a of ['10.0.0.5', '172.16.0.1', '172.31.255.254', '192.168.1.23'])
      expect(isPrivateLanAddress(a), a).toBe(true);
    for (const a of [
      '8.8.8.8',
      '100.64.0.1',
      '100.127.1.1',
      '172.15.0.1',
      '172.32.0.1',
      '169.254.3.4',
      '127.0.0.1',
      '192.169.0.1',
      '10.0.0.256',
      'fe80::1',
    ])
      expect(isPrivateLanAddress(a), a).toBe(false);
  });

  it('leaves out public, CGNAT, loopback and container or VM bridges', () => {
    const offered = privateLanAddresses({
      lo: [v4('127.0.0.1', true)],
      wlan0: [v4('192.168.1.23'), { ...v4('fe80::1'), family: 'IPv6' } as NetworkInterfaceInfo],
      eth0: [v4('203.0.113.7')], // public
      tailscale0: [v4('100.100.1.2')], // CGNAT
      docker0: [v4('172.17.0.1')],
      'br-3f2a9c1d': [v4('172.18.0.1')],
      'vEthernet (WSL)': [v4('172.20.80.1')],
      'Ethernet 2': [v4('10.1.2.3')],
    });
    expect(offered).toEqual(['192.168.1.23', '10.1.2.3']);
  });
});
