import { randomUUID } from 'node:crypto';
import type { ApiKeyScope, Identity, Role } from '@nexara/kit';

export type UserIdentity = Extract<Identity, { kind: 'user' }>;

export function aUser(tenantId: string, role: Role = 'STAFF'): UserIdentity {
  return { kind: 'user', userId: randomUUID(), tenantId, role };
}

/** The integrations worker acting for one tenant's connection. */
export function theWorker(tenantId: string | null): Identity {
  return { kind: 'service', service: 'integrations-worker', tenantId };
}

export function aPartner(tenantId: string, scopes: ApiKeyScope[] = ['orders:read']): Identity {
  return { kind: 'partner', apiKeyId: randomUUID(), tenantId, scopes };
}
