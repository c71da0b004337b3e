import { addressRule, parseEgressAllow, urlRefusal, type EgressRules } from './egress-rules';

const development: EgressRules = { allow: new Set(), production: false };
const production: EgressRules = { allow: new Set(), production: true };

describe('addressRule', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.3.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped IPv6'],
    ['::ffff:7f00:1', 'IPv4-mapped IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped IPv6'],
    ['fd00::1', 'unique-local'],
    ['64:ff9b::7f00:1', 'reserved'],
    ['2002:7f00:1::', 'reserved'],
    ['192.0.2.1', 'reserved'],
  ])('refuses %s as %s', (address, rule) => {
    expect(addressRule(address)).toBe(rule);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2a00:1450:4001:800::200e', '[2606:4700::1111]'])('lets public %s through', (a) => {
    expect(addressRule(a)).toBeNull();
  });

  it('says nothing about names', () => {
    expect(addressRule('api.deliveroo.com')).toBeNull();
  });
});

describe('urlRefusal', () => {
  it.each([
    ['http://127.0.0.1:4001/graphql?x=', 'loopback'],
    ['http://[::1]:4002/', 'loopback'],
    ['http://169.254.169.254/', 'link-local'],
    ['http://0x7f000001:4001/', 'loopback'],
    ['http://2130706433:4001/', 'loopback'],
    ['http://127.1:4001/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://[::ffff:127.0.0.1]:4001/', 'IPv4-mapped IPv6'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', 'IPv4-mapped IPv6'],
    ['http://10.0.0.5/', 'private'],
    ['http://100.100.100.200/', 'carrier-grade NAT'],
    ['http://0.0.0.0:5432/', 'unspecified'],
    ['http://[::]:5432/', 'unspecified'],
    ['http://localhost:5432/', 'loopback'],
    ['http://LocalHost./', 'loopback'],
    ['http://db.localhost/', 'loopback'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://224.0.0.251/', 'multicast'],
    ['ftp://api.example.com/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['http://user:pass@api.example.com/', 'credentials'],
  ])('refuses %s (%s)', (url, rule) => {
    expect(urlRefusal(url, development)?.rule).toBe(rule);
  });

  it('lets a public https URL through, and http outside production', () => {
    expect(urlRefusal('https://api.deliveroo.com/v1', production)).toBeNull();
    expect(urlRefusal('http://api.deliveroo.com/v1', development)).toBeNull();
    expect(urlRefusal('http://api.deliveroo.com/v1', production)?.rule).toBe('https-only');
  });

  it('lets exactly the allow-listed host and port through, over http even in production', () => {
    const rules: EgressRules = { allow: parseEgressAllow('127.0.0.1:4010, localhost:4011'), production: true };
    expect(urlRefusal('http://127.0.0.1:4010/careem', rules)).toBeNull();
    expect(urlRefusal('http://2130706433:4010/careem', rules)).toBeNull();
    expect(urlRefusal('http://LOCALHOST:4011/', rules)).toBeNull();
    expect(urlRefusal('http://127.0.0.1:4011/', rules)?.rule).toBe('https-only');
    expect(urlRefusal('https://127.0.0.1:4012/', rules)?.rule).toBe('loopback');
  });

  it('names the address it refused in a message a person can act on', () => {
    expect(urlRefusal('http://0x7f000001:4001/', development)?.message).toBe(
      'points at a loopback address (127.0.0.1), which outbound calls may not reach',
    );
  });
});

describe('parseEgressAllow', () => {
  it('reads host:port entries, normalized as URLs normalize hosts', () => {
    expect([...parseEgressAllow(' 127.1:4010 ,[::1]:80,Sim.Example:443,')]).toEqual([
      '127.0.0.1:4010',
      '[::1]:80',
      'sim.example:443',
    ]);
    expect(parseEgressAllow(undefined).size).toBe(0);
  });

  it.each(['127.0.0.1', 'http://127.0.0.1:4010', 'a b:1', 'host:99999'])('refuses "%s"', (entry) => {
    expect(() => parseEgressAllow(entry)).toThrow(/host:port/);
  });
});
