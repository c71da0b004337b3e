import { appError, requireUser, type ApiKeyScope, type Identity, type Role } from '@nexara/kit';

/** Menus: import, edit, publish; opening hours. */
export const MENU_ROLES: readonly Role[] = ['TENANT_ADMIN', 'MANAGER'];
/** 86s, pauses and busy mode: whoever runs the kitchen. */
export const FLOOR_ROLES: readonly Role[] = ['TENANT_ADMIN', 'MANAGER', 'STAFF'];

/** Who did it, as the audit trail and the sync jobs record it. */
export type Actor = { tenantId: string; actor: string };

/**
 * The tenant whose catalog the caller may read: users of every role, services
 * acting in a tenant, partner API keys holding `catalog:read`.
 */
export function catalogReader(identity: Identity): Actor {
  return catalogActor(identity, FLOOR_ROLES, 'catalog:read');
}

/**
 * Who may change the catalog: users with one of `roles`, services acting in a
 * tenant, and (where `partnerScope` is given) API keys holding it.
 */
export function catalogWriter(identity: Identity, roles: readonly Role[], partnerScope: ApiKeyScope | null): Actor {
  return catalogActor(identity, roles, partnerScope);
}

function catalogActor(identity: Identity, roles: readonly Role[], partnerScope: ApiKeyScope | null): Actor {
  switch (identity.kind) {
    case 'anonymous':
      throw appError('UNAUTHENTICATED');
    case 'partner':
      if (!partnerScope) throw appError('FORBIDDEN', 'API keys cannot make this change.');
      if (!identity.scopes.includes(partnerScope))
        throw appError('FORBIDDEN', `This API key lacks the ${partnerScope} scope.`);
      return { tenantId: identity.tenantId, actor: `api-key:${identity.apiKeyId}` };
    case 'service':
      if (!identity.tenantId) throw appError('BAD_USER_INPUT', 'This request needs a tenant to act in.');
      return { tenantId: identity.tenantId, actor: `service:${identity.service}` };
    case 'user': {
      const user = requireUser(identity, roles);
      return { tenantId: user.tenantId, actor: `user:${user.userId}` };
    }
  }
}
