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
 */
export function startAlertMonitor(
  deps: AlertEvaluatorDependencies & { bus: EventBus; intervalMs: number; triggerDelayMs?: number },
): AlertMonitor {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const triggers = new Map<string, NodeJS.Timeout>();
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
    if (event.kind !== BUS_EVENTS.connectionHealth || stopped || triggers.has(event.tenantId)) return;
    // A short delay gathers the events of a burst into one evaluation.
    const timer = setTimeout(() => {
      triggers.delete(event.tenantId);
      if (!stopped) void evaluate(event.tenantId);
    }, deps.triggerDelayMs ?? 100);
    timer.unref();
    triggers.set(event.tenantId, timer);
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
