import { actingTenantId, appError, requireService, requireUser, type Identity, type Role } from '@nexara/kit';

/** Every user role works the order queue. */
export const ORDER_OPERATOR_ROLES: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'MANAGER', 'STAFF'];

/** Cancelling loses a sale and may cost a fee with the provider: managers and up. */
export const ORDER_CANCEL_ROLES: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'MANAGER'];

/** The tenant whose orders the caller may read: users, services acting in a tenant, partners with `orders:read`. */
export function orderReaderTenantId(identity: Identity): string {
  if (identity.kind === 'partner' && !identity.scopes.includes('orders:read')) {
    throw appError('FORBIDDEN', 'This API key lacks the orders:read scope.');
  }
  return actingTenantId(identity);
}

/**
 * Who may change an order: users with one of `roles`, and partner API keys
 * holding `orders:write` (a group's own POS accepting orders). The actor is
 * what the timeline records.
 */
export function requireOrderOperator(
  identity: Identity,
  roles: readonly Role[] = ORDER_OPERATOR_ROLES,
): { tenantId: string; userId: string } {
  if (identity.kind === 'partner') {
    if (!identity.scopes.includes('orders:write'))
      throw appError('FORBIDDEN', 'This API key lacks the orders:write scope.');
    return { tenantId: identity.tenantId, userId: `api-key:${identity.apiKeyId}` };
  }
  const user = requireUser(identity, roles);
  return { tenantId: user.tenantId, userId: user.userId };
}

/** The tenant an internal service (the integrations worker) acts in: internal order mutations always act in one. */
export function serviceTenantId(identity: Identity): string {
  const service = requireService(identity);
  if (!service.tenantId) {
    throw appError(
      'BAD_USER_INPUT',
      'This internal operation acts in a tenant: the service identity must carry its tenantId.',
    );
  }
  return service.tenantId;
}
