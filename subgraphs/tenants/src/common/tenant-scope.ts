import { QueryFailedError, type EntityManager } from 'typeorm';

/**
 * Moves an open transaction into another tenant's rows. Only for the few
 * platform operations that create or reach into a tenant they have just found
 * under platform scope (createTenant, bootstrapPlatform, a platform admin's own
 * record); the setting is transaction-local like the one `inTenantTransaction` makes.
 */
export async function switchTenant(manager: EntityManager, tenantId: string): Promise<void> {
  await manager.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
}

/** The name of the unique constraint or index a failed statement violated, if that is why it failed. */
export function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown } | undefined;
  if (driverError?.code !== '23505') return null;
  return typeof driverError.constraint === 'string' ? driverError.constraint : 'unknown';
}
