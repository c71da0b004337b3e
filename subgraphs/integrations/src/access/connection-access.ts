import { appError, requireUser, type Identity, type Role } from '@nexara/kit';

/**
 * The tenant a management action acts in, for users holding one of `roles`
 * (PLATFORM_ADMIN passes wherever TENANT_ADMIN does) and for internal services
 * acting in a tenant (the demo seeder, operators' scripts). Partner API keys
 * never manage connections or read the audit trail.
 */
export function managingTenantId(actor: Identity, roles: readonly Role[]): string {
  switch (actor.kind) {
    case 'anonymous':
      throw appError('UNAUTHENTICATED');
    case 'partner':
      throw appError('FORBIDDEN', 'Partner API keys cannot manage provider connections.');
    case 'service':
      if (!actor.tenantId) throw appError('BAD_USER_INPUT', 'This request needs a tenant to act in.');
      return actor.tenantId;
    case 'user':
      return requireUser(actor, roles).tenantId;
  }
}

/** Connect, rotate secrets, change settings. */
export const ADMIN_ROLES: readonly Role[] = ['TENANT_ADMIN'];
/** Pause and resume, send test webhooks, read the audit trail. */
export const OPERATOR_ROLES: readonly Role[] = ['TENANT_ADMIN', 'MANAGER'];

/** A canonical UUID: anything else cannot name a row, and is refused before it reaches a uuid column. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who may read the tenant's operations (webhook deliveries, health, alerts):
 * users of every role, and services acting in a tenant. Partner API keys may
 * not: deliveries hold customer data and the public API does not expose them.
 */
export function operationsReaderTenantId(actor: Identity, what: string): string {
  switch (actor.kind) {
    case 'anonymous':
      throw appError('UNAUTHENTICATED');
    case 'partner':
      throw appError('FORBIDDEN', `Partner API keys cannot read ${what}.`);
    case 'service':
      if (!actor.tenantId) throw appError('BAD_USER_INPUT', 'This request needs a tenant to act in.');
      return actor.tenantId;
    case 'user':
      return actor.tenantId;
  }
}
