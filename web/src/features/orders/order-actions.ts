import { translator } from '../../i18n/translate';

/**
 * The actions the drawer offers for an order: exactly those its state and
 * the user's role allow (the orders subgraph's state machine and access
 * rules, seen from the dashboard).
 */
export type OrderAction =
  'ACCEPT' | 'REJECT' | 'MARK_PREPARING' | 'MARK_READY' | 'MARK_PICKED_UP' | 'MARK_DELIVERED' | 'CANCEL';

const NEXT_STEP: Record<string, OrderAction | undefined> = {
  ACCEPTED: 'MARK_PREPARING',
  PREPARING: 'MARK_READY',
  READY: 'MARK_PICKED_UP',
  PICKED_UP: 'MARK_DELIVERED',
};

const FINAL = new Set(['DELIVERED', 'REJECTED', 'CANCELLED']);
const CANCEL_ROLES = new Set(['PLATFORM_ADMIN', 'TENANT_ADMIN', 'MANAGER']);

export function allowedOrderActions(status: string, role: string): OrderAction[] {
  if (FINAL.has(status)) return [];
  const actions: OrderAction[] = status === 'RECEIVED' ? ['ACCEPT', 'REJECT'] : [];
  const next = NEXT_STEP[status];
  if (next) actions.push(next);
  if (CANCEL_ROLES.has(role)) actions.push('CANCEL');
  return actions;
}

/** An action's button text in the dashboard's language ("Mark preparing"). */
export function actionLabel(action: OrderAction): string {
  return translator.t(`orders:actions.${action}`);
}

/** Prep times offered when accepting (minutes); the API takes 1 to 180. */
export const PREP_MINUTE_CHOICES = [10, 15, 20, 25, 30, 45, 60] as const;

export function validPrepMinutes(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 180;
}
