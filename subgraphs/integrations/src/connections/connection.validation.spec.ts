import { egressRules } from '@nexara/kit';
import type { GraphQLError } from 'graphql';
import { aConnectProviderInput } from '../testing/connection-factory';
import {
  randomToken,
  validateConnectProvider,
  validateRotationSecret,
  validateUpdateConnection,
  webhookUrlFor,
  type ConnectProviderRequest,
} from './connection.validation';

/** The factory's default apiBaseUrl (127.0.0.1:9100) is allow-listed, as the tests' EGRESS_ALLOW does. */
const egress = egressRules({ allow: '127.0.0.1:9100', production: false });

function rejectionOf(request: ConnectProviderRequest): GraphQLError {
  try {
    validateConnectProvider(request, egress);
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected the request to be rejected');
}

describe('validateConnectProvider', () => {
  it('normalises a valid request: trims text, upper-cases the currency, drops the URL trailing slash', () => {
    const branchId = '6F9619FF-8B86-4D01-B42D-00CF4FC964FF';
    const valid = validateConnectProvider(
      aConnectProviderInput({
        name: '  Marina  ',
        externalStoreId: ' loc-42 ',
        currency: 'sar',
        apiBaseUrl: 'https://api.deliveroo.test/',
        branchId,
        autoAccept: null,
      }),
      egress,
    );

    expect(valid).toMatchObject({
      name: 'Marina',
      externalStoreId: 'loc-42',
      currency: 'SAR',
      apiBaseUrl: 'https://api.deliveroo.test',
      branchId: branchId.toLowerCase(),
      autoAccept: false,
      secret: null,
    });
  });

  it('keeps a given secret exactly as given', () => {
    expect(validateConnectProvider(aConnectProviderInput({ secret: ' sixteen-chars-ok ' }), egress).secret).toBe(
      ' sixteen-chars-ok ',
    );
  });

  const invalid: [string, Partial<ConnectProviderRequest>, string][] = [
    ['an unknown currency', { currency: 'XYZ' }, 'currency'],
    ['a currency that is not three letters', { currency: 'SARR' }, 'currency'],
    ['an empty currency', { currency: '' }, 'currency'],
    ['a non-http callback URL', { apiBaseUrl: 'ftp://api.example.test' }, 'apiBaseUrl'],
    ['a relative callback URL', { apiBaseUrl: '/callbacks' }, 'apiBaseUrl'],
    ['a callback URL that is not a URL', { apiBaseUrl: 'not a url' }, 'apiBaseUrl'],
    ['a blank name', { name: '   ' }, 'name'],
    ['an over-long name', { name: 'n'.repeat(201) }, 'name'],
    ['a blank external store id', { externalStoreId: '' }, 'externalStoreId'],
    ['a secret under 16 characters', { secret: 'fifteen-chars!!' }, 'secret'],
    ['a branch id that is not a UUID', { branchId: 'branch-1' }, 'branchId'],
    ['an unknown provider', { provider: 'UBER' as ConnectProviderRequest['provider'] }, 'provider'],
  ];

  it.each(invalid)('rejects %s as BAD_USER_INPUT naming the field', (_case, overrides, field) => {
    const error = rejectionOf(aConnectProviderInput(overrides));

    expect(error.extensions['code']).toBe('BAD_USER_INPUT');
    expect(Object.keys(error.extensions['fields'] as object)).toEqual([field]);
    expect(error.message).toContain(field);
  });

  it.each([
    ['http://127.0.0.1:4001/graphql?x=', 'loopback'],
    ['http://0x7f000001:4001/', 'loopback'],
    ['http://169.254.169.254/', 'link-local'],
    ['http://[::ffff:127.0.0.1]:9100/', 'IPv4-mapped IPv6'],
    ['http://10.0.0.5/', 'private'],
  ])('refuses %s, naming the egress rule (%s)', (apiBaseUrl, rule) => {
    const error = rejectionOf(aConnectProviderInput({ apiBaseUrl }));

    expect(error.extensions['code']).toBe('BAD_USER_INPUT');
    expect((error.extensions['fields'] as Record<string, string>)['apiBaseUrl']).toContain(`rule: ${rule}`);
  });

  it('refuses http in production, except for an allow-listed host and port', () => {
    const production = egressRules({ allow: '127.0.0.1:9100', production: true });
    expect(() =>
      validateConnectProvider(aConnectProviderInput({ apiBaseUrl: 'http://api.example.com' }), production),
    ).toThrow(/rule: https-only/);
    expect(validateConnectProvider(aConnectProviderInput(), production).apiBaseUrl).toBe(
      'http://127.0.0.1:9100/deliveroo',
    );
  });

  it('reports every problem at once and never echoes the secret', () => {
    const error = rejectionOf(aConnectProviderInput({ currency: 'XX', name: '', secret: 'tiny-secret' }));

    expect(Object.keys(error.extensions['fields'] as object).sort()).toEqual(['currency', 'name', 'secret']);
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toContain('tiny-secret');
  });
});

describe('webhookUrlFor', () => {
  it.each([
    ['http://localhost:4000', 'DELIVEROO', 'http://localhost:4000/webhooks/deliveroo/KEY'],
    ['https://hub.example.com/', 'TALABAT', 'https://hub.example.com/webhooks/talabat/KEY'],
    ['https://example.com/nexara', 'JAHEZ', 'https://example.com/nexara/webhooks/jahez/KEY'],
    ['https://example.com', 'CAREEM', 'https://example.com/webhooks/careem/KEY'],
  ] as const)('builds from %s for %s', (publicUrl, provider, expected) => {
    expect(webhookUrlFor(publicUrl, provider, 'KEY')).toBe(expected);
  });
});

describe('randomToken', () => {
  it('is 32 random bytes in base64url (43 URL-safe characters)', () => {
    const tokens = new Set(Array.from({ length: 50 }, randomToken));

    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });
});

function thrownBy(work: () => unknown): GraphQLError {
  try {
    work();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected a rejection');
}

describe('validateUpdateConnection', () => {
  const id = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';

  it('keeps only the fields given, normalised like connectProvider', () => {
    expect(validateUpdateConnection({ id, name: '  Marina ', apiBaseUrl: null }, egress)).toEqual({ name: 'Marina' });
    expect(validateUpdateConnection({ id, apiBaseUrl: 'https://api.test/v1/', autoAccept: false }, egress)).toEqual({
      apiBaseUrl: 'https://api.test/v1',
      autoAccept: false,
    });
  });

  it.each([
    ['a blank name', { name: ' ' }, ['name']],
    ['a non-http URL', { apiBaseUrl: 'mailto:ops@example.com' }, ['apiBaseUrl']],
    ['both at once', { name: '', apiBaseUrl: 'nope' }, ['apiBaseUrl', 'name']],
    ['nothing to change', { name: null, autoAccept: null }, []],
  ])('refuses %s as BAD_USER_INPUT naming the fields', (_case, fields, named) => {
    const error = thrownBy(() => validateUpdateConnection({ id, ...fields }, egress));

    expect(error.extensions['code']).toBe('BAD_USER_INPUT');
    expect(Object.keys(error.extensions['fields'] as object).sort()).toEqual(named);
  });
});

describe('validateRotationSecret', () => {
  it('passes a provider secret of 16 characters or more, and null to have one generated', () => {
    expect(validateRotationSecret('sixteen-chars-ok')).toBe('sixteen-chars-ok');
    expect(validateRotationSecret(undefined)).toBeNull();
    expect(validateRotationSecret(null)).toBeNull();
  });

  it.each([
    ['15 characters', 'fifteen-chars!!'],
    ['over 4096 characters', 's'.repeat(4097)],
  ])('refuses a secret of %s without echoing it', (_case, secret) => {
    const error = thrownBy(() => validateRotationSecret(secret));

    expect(error.extensions['code']).toBe('BAD_USER_INPUT');
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toContain(secret.slice(0, 15));
  });
});
