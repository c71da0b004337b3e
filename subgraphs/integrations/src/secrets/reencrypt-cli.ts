import 'reflect-metadata';
import { createDataSource, createLogger, loadConfigOrExit } from '@nexara/kit';
import { integrationsConfigShape as shape } from '../config';
import { integrationsDatabase } from '../database';
import { reencryptSecrets } from './reencrypt-secrets';
import { secretBoxFromConfig } from './secret-box';

/**
 * `npm run secrets:reencrypt`: seals every stored provider secret again
 * under the first key of SECRETS_ENCRYPTION_KEYS, so an older key can be
 * retired. Run it with the integrations service's DATABASE_URL and the new
 * key list (new key first, the old ones after it); once it reports nothing
 * unreadable, drop the old keys from the list and restart the services.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(
    {
      DATABASE_URL: shape.DATABASE_URL,
      SECRETS_ENCRYPTION_KEYS: shape.SECRETS_ENCRYPTION_KEYS,
      LOG_LEVEL: shape.LOG_LEVEL,
    },
    'secrets-reencrypt',
  );
  const logger = createLogger('secrets-reencrypt', config.LOG_LEVEL);
  const secretBox = secretBoxFromConfig(config.SECRETS_ENCRYPTION_KEYS);
  const dataSource = createDataSource({ url: config.DATABASE_URL, ...integrationsDatabase, poolSize: 2 });
  await dataSource.initialize();
  try {
    const report = await reencryptSecrets({ dataSource, secretBox, logger });
    const resealed = Object.entries(report.resealedByKey);
    const total = resealed.reduce((sum, [, count]) => sum + count, 0);
    console.log(
      `Sealed ${total} secret(s) of ${report.tenants} tenant(s) again under key "${report.activeKeyId}"` +
        (resealed.length ? ` (from ${resealed.map(([key, count]) => `"${key}": ${count}`).join(', ')})` : '') +
        `; ${report.alreadyCurrent} already were.`,
    );
    if (report.unreadable.length > 0) {
      console.error(
        `${report.unreadable.length} secret(s) no configured key opens (left as they are): ` +
          report.unreadable.map((entry) => `${entry.secretId} (key "${entry.keyId}")`).join(', '),
      );
      process.exitCode = 1;
    } else {
      console.log(`No secret needs any other key: keep only "${report.activeKeyId}" in SECRETS_ENCRYPTION_KEYS.`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
