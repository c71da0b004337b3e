import { randomUUID } from 'node:crypto';
import type { ApiKeyScope, Identity, Role } from '@nexara/kit';

export const aUser = (tenantId: string, role: Role = 'TENANT_ADMIN'): Identity => ({
  kind: 'user',
  userId: randomUUID(),
  tenantId,
  role,
});

export const tenantAdmin = (tenantId: string): Identity => aUser(tenantId, 'TENANT_ADMIN');

/** An internal caller acting in a tenant, such as the demo seeder. */
export const aService = (tenantId: string | null, service = 'demo-seed'): Identity => ({
  kind: 'service',
  service,
  tenantId,
});

export const aPartner = (tenantId: string, scopes: ApiKeyScope[] = ['connections:read']): Identity => ({
  kind: 'partner',
  apiKeyId: randomUUID(),
  tenantId,
  scopes,
});
