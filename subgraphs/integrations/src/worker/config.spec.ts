import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@nexara/kit';
import { webhookWorkerConfigShape } from './config';

const validEnv = {
  DATABASE_URL: 'postgres://nexara_integrations:pw@127.0.0.1:5432/nexara',
  INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url'),
  SECRETS_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
};

describe('webhook worker configuration', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(webhookWorkerConfigShape, validEnv)).toMatchObject({
      ORDERS_URL: 'http://127.0.0.1:4002/graphql',
      WORKER_CONCURRENCY: 200,
      WEBHOOK_MAX_ATTEMPTS: 8,
      CALLBACK_MAX_ATTEMPTS: 6,
      RETRY_BASE_MS: 1_000,
      RETRY_MAX_MS: 300_000,
      WORKER_STALE_AFTER_MS: 120_000,
      WORKER_POLL_INTERVAL_MS: 1_000,
    });
  });

  it('reads the same environment as the integrations service and ignores the HTTP server variables', () => {
    const config = loadConfig(webhookWorkerConfigShape, {
      ...validEnv,
      PORT: '4003',
      WEBHOOK_TARGET_URL: 'http://127.0.0.1:4000',
    });
    expect(config).not.toHaveProperty('PORT');
    expect(config).not.toHaveProperty('WEBHOOK_TARGET_URL');
  });

  it.each([
    ['WORKER_CONCURRENCY', '0'],
    ['WEBHOOK_MAX_ATTEMPTS', 'many'],
    ['CALLBACK_MAX_ATTEMPTS', '-1'],
    ['RETRY_BASE_MS', '0'],
    ['ORDERS_URL', 'orders:4002'],
    ['WORKER_STALE_AFTER_MS', '10'],
  ])('refuses a bad %s, naming it', (variable, value) => {
    let problems: string[] = [];
    try {
      loadConfig(webhookWorkerConfigShape, { ...validEnv, [variable]: value });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}`));
  });
});
