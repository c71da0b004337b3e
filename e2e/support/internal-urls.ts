import fc from 'fast-check';

/** IPv4 ranges no outbound call may reach, as [first octet pattern, prefix bits, rule]. */
const INTERNAL_V4: { base: [number, number, number, number]; bits: number; rule: string }[] = [
  { base: [127, 0, 0, 0], bits: 8, rule: 'loopback' },
  { base: [10, 0, 0, 0], bits: 8, rule: 'private' },
  { base: [172, 16, 0, 0], bits: 12, rule: 'private' },
  { base: [192, 168, 0, 0], bits: 16, rule: 'private' },
  { base: [169, 254, 0, 0], bits: 16, rule: 'link-local' },
  { base: [100, 64, 0, 0], bits: 10, rule: 'carrier-grade NAT' },
  { base: [0, 0, 0, 0], bits: 8, rule: 'unspecified' },
  { base: [224, 0, 0, 0], bits: 4, rule: 'multicast' },
];

const toInt = (octets: number[]): number => octets.reduce((value, octet) => value * 256 + octet, 0);

/** An address of one of those ranges, as a 32-bit number. */
const internalV4 = fc
  .tuple(fc.constantFrom(...INTERNAL_V4), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
  .map(([range, noise]) => {
    const hostBits = 32 - range.bits;
    const host = hostBits === 32 ? noise : noise % 2 ** hostBits;
    return toInt(range.base) + host;
  });

const octetsOf = (value: number): number[] => [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
const hex = (value: number): string => `0x${value.toString(16)}`;
const octal = (value: number): string => `0${value.toString(8)}`;
const hex16 = (value: number): string => value.toString(16);

/** Every way a URL host can spell an IPv4 address that the WHATWG parser (and so fetch and undici) accepts. */
const notations: ((value: number) => string)[] = [
  (v) => octetsOf(v).join('.'),
  (v) => String(v),
  (v) => hex(v),
  (v) => hex(v).toUpperCase().replace('0X', '0x'),
  (v) => octetsOf(v).map(octal).join('.'),
  (v) => octetsOf(v).map(hex).join('.'),
  (v) => `${octetsOf(v).slice(0, 2).join('.')}.${v & 0xffff}`,
  (v) => `${v >>> 24}.${v & 0xffffff}`,
  (v) => `${octetsOf(v).join('.')}.`,
  (v) => `[::ffff:${octetsOf(v).join('.')}]`,
  (v) => `[::ffff:${hex16(v >>> 16)}:${hex16(v & 0xffff)}]`,
  (v) => `[0:0:0:0:0:ffff:${octetsOf(v).join('.')}]`,
];

/** An http(s) URL whose host is an internal IPv4 address in one of those notations. */
export const internalUrl: fc.Arbitrary<string> = fc
  .record({
    value: internalV4,
    notation: fc.integer({ min: 0, max: notations.length - 1 }),
    scheme: fc.constantFrom('http', 'https'),
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
    path: fc.constantFrom('', '/', '/graphql?x=', '/latest/meta-data/', '/v1/orders'),
  })
  .map(
    ({ value, notation, scheme, port, path }) =>
      `${scheme}://${notations[notation]!(value)}${port === null ? '' : `:${port}`}${path}`,
  );
