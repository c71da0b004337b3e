import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@nexara/kit';
import { integrationsConfigShape } from './config';

const validEnv = {
  DATABASE_URL: 'postgres://nexara_integrations:pw@127.0.0.1:5432/nexara',
  INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url'),
  SECRETS_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(integrationsConfigShape, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('integrations configuration', () => {
  it('applies the defaults: port 4003, loopback host, gateway on localhost:4000', () => {
    const config = loadConfig(integrationsConfigShape, validEnv);

    expect(config.PORT).toBe(4003);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.PUBLIC_URL).toBe('http://localhost:4000');
    expect(config.SECRETS_ENCRYPTION_KEYS).toBe(validEnv.SECRETS_ENCRYPTION_KEYS);
  });

  it('drops a trailing slash from PUBLIC_URL so webhook URLs have one separator', () => {
    expect(
      loadConfig(integrationsConfigShape, { ...validEnv, PUBLIC_URL: 'https://hub.example.com/' }).PUBLIC_URL,
    ).toBe('https://hub.example.com');
  });

  it.each([
    ['missing', undefined, /^SECRETS_ENCRYPTION_KEYS is required but not set$/],
    ['without a key id', randomBytes(32).toString('base64'), /^SECRETS_ENCRYPTION_KEYS: entry 1 must have the form/],
    [
      'with a 16-byte key',
      `k1:${randomBytes(16).toString('base64')}`,
      /^SECRETS_ENCRYPTION_KEYS: .*exactly 32 bytes, not 16/,
    ],
    [
      'with a bad second entry',
      `${validEnv.SECRETS_ENCRYPTION_KEYS},k2:???`,
      /^SECRETS_ENCRYPTION_KEYS: entry 2 .* is not base64/,
    ],
  ])('rejects SECRETS_ENCRYPTION_KEYS %s, naming the variable', (_case, value, message) => {
    const problems = problemsOf({ ...validEnv, SECRETS_ENCRYPTION_KEYS: value });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('rejects a PUBLIC_URL that is not http(s)', () => {
    expect(problemsOf({ ...validEnv, PUBLIC_URL: 'ftp://hub.example.com' })).toEqual([
      'PUBLIC_URL: must be an absolute http(s) URL, e.g. https://nexara.example.com',
    ]);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({ PORT: 'eighty' });
    const variables = problems.map((problem) => problem.split(/[ :]/)[0]);

    expect(variables).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'INTERNAL_TOKEN_SECRET', 'SECRETS_ENCRYPTION_KEYS', 'PORT']),
    );
  });

  it('gives rotated secrets 24 h of grace and sends test webhooks to PUBLIC_URL unless told otherwise', () => {
    const config = loadConfig(integrationsConfigShape, validEnv);

    expect(config.SECRET_ROTATION_GRACE_SECONDS).toBe(86_400);
    expect(config.WEBHOOK_TARGET_URL).toBeUndefined();
    expect(
      loadConfig(integrationsConfigShape, {
        ...validEnv,
        SECRET_ROTATION_GRACE_SECONDS: '60',
        WEBHOOK_TARGET_URL: 'http://127.0.0.1:4000/',
      }),
    ).toMatchObject({ SECRET_ROTATION_GRACE_SECONDS: 60, WEBHOOK_TARGET_URL: 'http://127.0.0.1:4000' });
  });

  it.each([
    ['SECRET_ROTATION_GRACE_SECONDS', 'a day'],
    ['SECRET_ROTATION_GRACE_SECONDS', '-1'],
    ['WEBHOOK_TARGET_URL', 'gateway:4000'],
  ])('rejects %s=%s, naming the variable', (variable, value) => {
    const problems = problemsOf({ ...validEnv, [variable]: value });

    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${variable}:`)).toBe(true);
  });
});
