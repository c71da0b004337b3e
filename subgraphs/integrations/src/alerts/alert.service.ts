import { appError, inTenantTransaction, type Identity, type Logger } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { actorName, type AuditService } from '../audit/audit.service';
import { managingTenantId, OPERATOR_ROLES, operationsReaderTenantId, UUID } from '../access/connection-access';
import type { IntegrationEvents } from '../events/integration-events';
import { ALERT_STATUSES, type AlertStatus } from './alert-rules';
import { findAlertRow, listAlertRows, setAlertStatus, type AlertRecord } from './alert.repository';

export const DEFAULT_ALERT_PAGE_SIZE = 100;
export const MAX_ALERT_PAGE_SIZE = 500;

const noSuchAlert = (): Error => appError('NOT_FOUND', 'No such alert in this tenant.');

/**
 * The tenant's alerts: read by anyone in the tenant; acknowledged ("someone
 * is on it": stays unresolved, so the rule does not open another) or resolved
 * by hand by tenant admins and managers. A resolved alert whose cause is still
 * there is opened afresh by the next evaluation: acknowledge a known problem instead.
 */
export class AlertService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      events: IntegrationEvents;
      audit: Pick<AuditService, 'recordAdminAction'>;
      logger: Logger;
    },
  ) {}

  async listAlerts(
    actor: Identity,
    args: { status?: AlertStatus | null; first?: number | null },
  ): Promise<AlertRecord[]> {
    const tenantId = operationsReaderTenantId(actor, 'alerts');
    const first = args.first ?? DEFAULT_ALERT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_ALERT_PAGE_SIZE) {
      throw appError('BAD_USER_INPUT', `first must be between 0 and ${MAX_ALERT_PAGE_SIZE}.`);
    }
    const status = args.status ?? null;
    if (status !== null && !ALERT_STATUSES.includes(status))
      throw appError('BAD_USER_INPUT', `status must be one of ${ALERT_STATUSES.join(', ')}.`);
    return inTenantTransaction(this.deps.dataSource, { tenantId }, (manager) =>
      listAlertRows(manager, tenantId, status, first),
    );
  }

  /** Null for an unknown id and another tenant's alert alike. */
  async findAlert(actor: Identity, id: string): Promise<AlertRecord | null> {
    const tenantId = operationsReaderTenantId(actor, 'alerts');
    if (!UUID.test(id)) return null;
    return inTenantTransaction(this.deps.dataSource, { tenantId }, (manager) => findAlertRow(manager, tenantId, id));
  }

  /** OPEN -> ACKNOWLEDGED; acknowledging again changes nothing; a RESOLVED alert is refused. */
  acknowledgeAlert(actor: Identity, id: string): Promise<AlertRecord> {
    return this.change(actor, id, 'ACKNOWLEDGED', (current) => {
      if (current.status === 'RESOLVED') {
        throw appError('BAD_USER_INPUT', 'This alert is already RESOLVED; there is nothing to acknowledge.', {
          status: current.status,
        });
      }
      return current.status === 'OPEN';
    });
  }

  /** OPEN or ACKNOWLEDGED -> RESOLVED; resolving a resolved alert changes nothing. */
  resolveAlert(actor: Identity, id: string): Promise<AlertRecord> {
    return this.change(actor, id, 'RESOLVED', (current) => current.status !== 'RESOLVED');
  }

  private async change(
    actor: Identity,
    id: string,
    to: 'ACKNOWLEDGED' | 'RESOLVED',
    needsChange: (current: AlertRecord) => boolean,
  ): Promise<AlertRecord> {
    const tenantId = managingTenantId(actor, OPERATOR_ROLES);
    if (!UUID.test(id)) throw noSuchAlert();
    const { alert, changed } = await inTenantTransaction(this.deps.dataSource, { tenantId }, async (manager) => {
      const current = await findAlertRow(manager, tenantId, id, { lock: true });
      if (!current) throw noSuchAlert();
      if (!needsChange(current)) return { alert: current, changed: false };
      const updated = await setAlertStatus(manager, tenantId, id, to, actorName(actor));
      await this.deps.audit.recordAdminAction(manager, {
        tenantId,
        actor,
        action: to === 'ACKNOWLEDGED' ? 'ALERT_ACKNOWLEDGED' : 'ALERT_RESOLVED',
        subjectType: 'Alert',
        subjectId: id,
        detail: { rule: current.rule, subjectId: current.subjectId, previousStatus: current.status },
      });
      return { alert: updated, changed: true };
    });
    if (changed) {
      this.deps.events.alertChanged(tenantId, id);
      this.deps.logger.info({ tenantId, alertId: id, status: to }, 'alert changed by hand');
    }
    return alert;
  }
}
