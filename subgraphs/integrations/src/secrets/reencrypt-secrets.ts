import { inTenantTransaction, type Logger } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import type { SecretBox } from './secret-box';

export type ReencryptionReport = {
  /** The key every secret is sealed under now (the first of SECRETS_ENCRYPTION_KEYS). */
  activeKeyId: string;
  tenants: number;
  /** Secrets sealed again under the active key, by the key they were under. */
  resealedByKey: Record<string, number>;
  alreadyCurrent: number;
  /** Secrets that no configured key opens (their key was removed, or the row was altered): left as they are. */
  unreadable: { tenantId: string; secretId: string; keyId: string }[];
};

type SecretRow = {
  id: string;
  connection_id: string;
  key_id: string;
  iv: Buffer;
  ciphertext: Buffer;
  auth_tag: Buffer;
};

/**
 * Seals every stored provider secret (current and rotated-out alike) again
 * under the active key, tenant by tenant, each in one transaction that locks
 * its rows: the services keep running, and a secret read meanwhile opens
 * under either key while both are configured. Afterwards no row names an
 * older key, which can then be removed from SECRETS_ENCRYPTION_KEYS. Runs as
 * the integrations role: the tenants come from the owner's
 * `tenants_with_connections()`, every row is read under its tenant's RLS.
 * Running it again changes nothing.
 */
export async function reencryptSecrets(options: {
  dataSource: DataSource;
  secretBox: SecretBox;
  logger: Logger;
}): Promise<ReencryptionReport> {
  const { dataSource, secretBox, logger } = options;
  const tenantIds = (
    await inTenantTransaction(dataSource, { tenantId: null }, (manager) =>
      manager.query<{ tenant_id: string }[]>(`select tenant_id from integrations.tenants_with_connections()`),
    )
  ).map((row) => row.tenant_id);
  const report: ReencryptionReport = {
    activeKeyId: secretBox.activeKeyId,
    tenants: tenantIds.length,
    resealedByKey: {},
    alreadyCurrent: 0,
    unreadable: [],
  };
  for (const tenantId of tenantIds) {
    await inTenantTransaction(dataSource, { tenantId }, async (manager) => {
      const rows = await manager.query<SecretRow[]>(
        `select id, connection_id, key_id, iv, ciphertext, auth_tag
           from integrations.connection_secrets where tenant_id = $1 for update`,
        [tenantId],
      );
      for (const row of rows) {
        if (row.key_id === secretBox.activeKeyId) {
          report.alreadyCurrent += 1;
          continue;
        }
        const binding = { tenantId, connectionId: row.connection_id };
        let plaintext: string;
        try {
          plaintext = secretBox.open(
            { keyId: row.key_id, iv: row.iv, ciphertext: row.ciphertext, authTag: row.auth_tag },
            binding,
          );
        } catch {
          report.unreadable.push({ tenantId, secretId: row.id, keyId: row.key_id });
          continue;
        }
        const sealed = secretBox.seal(plaintext, binding);
        await manager.query(
          `update integrations.connection_secrets set key_id = $3, iv = $4, ciphertext = $5, auth_tag = $6
            where tenant_id = $1 and id = $2`,
          [tenantId, row.id, sealed.keyId, sealed.iv, sealed.ciphertext, sealed.authTag],
        );
        report.resealedByKey[row.key_id] = (report.resealedByKey[row.key_id] ?? 0) + 1;
      }
    });
    logger.debug({ tenantId }, 'tenant secrets sealed under the active key');
  }
  return report;
}
