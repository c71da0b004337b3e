import type { EventBus } from '@nexara/kit';
import { BUS_EVENTS } from '@nexara/contracts';
import { evaluateTenantAlerts, tenantsToEvaluate, type AlertEvaluatorDependencies } from './alert-evaluator';

export type AlertMonitor = {
  /** Evaluates every tenant now (it also runs on a timer). */
  evaluateAll: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Runs the alert evaluator in the worker process: every `intervalMs` for
 * every tenant (time alone opens some alerts: silence, deadlines), and soon
 * after any `connection.health` event for that tenant (a delivery died, a
 * callback failed, webhooks were refused), so most alerts open within a
 * fraction of a second. Each tenant's evaluations run one at a time; a
 * trigger arriving during one runs once more after it.
 *
 * During a burst every connection reports its health about once a second,
 * and re-evaluating each tenant that often (its health numbers and its orders
 * at risk) cost the worker more than the alerts gained: a tenant's triggered
 * evaluations start at least `triggerGapMs` apart, so the first change after a
 * quiet spell is still seen within `triggerDelayMs`, and the changes of a
 * burst within `triggerGapMs`.
 */
export function startAlertMonitor(
  deps: AlertEvaluatorDependencies & {
    bus: EventBus;
    intervalMs: number;
    triggerDelayMs?: number;
    triggerGapMs?: number;
  },
): AlertMonitor {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const triggers = new Map<string, NodeJS.Timeout>();
  /** When each tenant's last triggered evaluation started. */
  const lastTriggered = new Map<string, number>();
  const triggerDelayMs = deps.triggerDelayMs ?? 100;
  const triggerGapMs = deps.triggerGapMs ?? 5_000;
  let stopped = false;

  const evaluate = (tenantId: string): Promise<void> => {
    const current = running.get(tenantId);
    if (current) {
      again.add(tenantId);
      return current;
    }
    const run = evaluateTenantAlerts(deps, tenantId)
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.warn({ tenantId, err: String(error) }, 'alert evaluation failed'))
      .finally(() => {
        running.delete(tenantId);
        if (again.delete(tenantId) && !stopped) void evaluate(tenantId);
      });
    running.set(tenantId, run);
    return run;
  };

  const evaluateAll = async (): Promise<void> => {
    const tenants = await tenantsToEvaluate(deps.dataSource);
    for (const tenantId of tenants) {
      if (stopped) return;
      await evaluate(tenantId);
    }
  };

  const unsubscribe = deps.bus.subscribe((event) => {
    const { tenantId } = event;
    if (event.kind !== BUS_EVENTS.connectionHealth || stopped || triggers.has(tenantId)) return;
    // A short delay gathers the events of a moment into one evaluation; a tenant evaluated lately waits out the gap.
    const gapLeft = (lastTriggered.get(tenantId) ?? -Infinity) + triggerGapMs - Date.now();
    const timer = setTimeout(
      () => {
        triggers.delete(tenantId);
        if (stopped) return;
        lastTriggered.set(tenantId, Date.now());
        void evaluate(tenantId);
      },
      Math.max(triggerDelayMs, gapLeft),
    );
    timer.unref();
    triggers.set(tenantId, timer);
  });

  let sweeping: Promise<void> = Promise.resolve();
  const sweep = (): void => {
    sweeping = evaluateAll().catch((error: unknown) => deps.logger.warn({ err: String(error) }, 'alert sweep failed'));
  };
  const timer = setInterval(sweep, deps.intervalMs);
  timer.unref();
  sweep();

  return {
    evaluateAll,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      for (const trigger of triggers.values()) clearTimeout(trigger);
      triggers.clear();
      await sweeping;
      await Promise.all([...running.values()]);
    },
  };
}
