import { appError, inTenantTransaction, type Identity } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { managingTenantId, OPERATOR_ROLES, operationsReaderTenantId, UUID } from '../access/connection-access';
import type { IntegrationEvents } from '../events/integration-events';
import {
  readConnectionHealth,
  upsertHealthSettings,
  type ConnectionHealthRow,
  type HealthSettings,
} from './connection-health.repository';
import { connectionHealthState, successRate, type ConnectionHealthState } from './connection-health.rules';

/** A connection's health as the API shows it: the facts, the rule's verdict and why. */
export type ConnectionHealthView = ConnectionHealthRow & {
  tenantId: string;
  state: ConnectionHealthState;
  stateReason: string;
  successRate: number | null;
};

export type HealthSettingsRequest = {
  connectionId: string;
  silentAfterMinutes?: number | null;
  opensAt?: string | null;
  closesAt?: string | null;
  timeZone?: string | null;
};

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export function toHealthView(tenantId: string, row: ConnectionHealthRow): ConnectionHealthView {
  const verdict = connectionHealthState(row);
  return { ...row, tenantId, state: verdict.state, stateReason: verdict.reason, successRate: successRate(row) };
}

/** Validates expected-hours input into stored settings, or says what is wrong. */
export function healthSettingsOf(request: HealthSettingsRequest): HealthSettings {
  const silentAfterMinutes = request.silentAfterMinutes ?? 60;
  if (!Number.isInteger(silentAfterMinutes) || silentAfterMinutes < 5 || silentAfterMinutes > 10_080) {
    throw appError(
      'BAD_USER_INPUT',
      'silentAfterMinutes must be a whole number of minutes between 5 and 10080 (a week).',
    );
  }
  const opensAt = request.opensAt ?? null;
  const closesAt = request.closesAt ?? null;
  if ((opensAt === null) !== (closesAt === null)) {
    throw appError('BAD_USER_INPUT', 'Give both opensAt and closesAt (HH:MM), or neither for "expected all day".');
  }
  for (const [field, value] of [
    ['opensAt', opensAt],
    ['closesAt', closesAt],
  ] as const) {
    if (value !== null && !TIME_OF_DAY.test(value))
      throw appError('BAD_USER_INPUT', `${field} must be a time of day as HH:MM (24 h).`);
  }
  if (opensAt !== null && opensAt === closesAt) {
    throw appError('BAD_USER_INPUT', 'opensAt and closesAt are the same: leave both out for "expected all day".');
  }
  const timeZone = request.timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw appError(
      'BAD_USER_INPUT',
      `timeZone must be an IANA time zone such as Asia/Riyadh; "${timeZone.slice(0, 60)}" is not one.`,
    );
  }
  return { silentAfterMinutes, opensAt, closesAt, timeZone };
}

/** Integration health per connection: read by anyone in the tenant, expected hours set by admins and managers. */
export class ConnectionHealthService {
  constructor(private readonly deps: { dataSource: DataSource; events: IntegrationEvents }) {}

  async listHealth(actor: Identity): Promise<ConnectionHealthView[]> {
    const tenantId = operationsReaderTenantId(actor, 'integration health');
    const rows = await inTenantTransaction(this.deps.dataSource, { tenantId }, (manager) =>
      readConnectionHealth(manager, tenantId),
    );
    return rows.map((row) => toHealthView(tenantId, row));
  }

  /** Null for an unknown id and for another tenant's connection alike. */
  async findHealth(actor: Identity, connectionId: string): Promise<ConnectionHealthView | null> {
    const tenantId = operationsReaderTenantId(actor, 'integration health');
    if (!UUID.test(connectionId)) return null;
    const [row] = await inTenantTransaction(this.deps.dataSource, { tenantId }, (manager) =>
      readConnectionHealth(manager, tenantId, connectionId),
    );
    return row ? toHealthView(tenantId, row) : null;
  }

  async setExpectedHours(actor: Identity, request: HealthSettingsRequest): Promise<ConnectionHealthView> {
    const tenantId = managingTenantId(actor, OPERATOR_ROLES);
    const settings = healthSettingsOf(request);
    const notFound = (): Error => appError('NOT_FOUND', 'No such provider connection in this tenant.');
    if (!UUID.test(request.connectionId)) throw notFound();
    const row = await inTenantTransaction(this.deps.dataSource, { tenantId }, async (manager) => {
      const exists = (await manager.query('select 1 from integrations.connections where tenant_id = $1 and id = $2', [
        tenantId,
        request.connectionId,
      ])) as unknown[];
      if (exists.length === 0) throw notFound();
      await upsertHealthSettings(manager, tenantId, request.connectionId, settings);
      return (await readConnectionHealth(manager, tenantId, request.connectionId))[0]!;
    });
    this.deps.events.connectionHealthMayHaveChanged(tenantId, request.connectionId);
    return toHealthView(tenantId, row);
  }
}
