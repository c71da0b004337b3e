import { inSpan, traceContextOf, type BusEvent, type EventBus } from '@nexara/kit';

/**
 * Work several deliveries of one event can share: the first caller with a
 * key starts `work`, every later caller with that key awaits the same
 * promise. Lives as long as the event's deliveries hold it, then is dropped
 * with them (nothing is cached across events).
 */
export type SharedWork = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export type EventListener = (event: BusEvent, shared: SharedWork) => void;

function sharedWorkForOneEvent(): SharedWork {
  const started = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    let promise = started.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = work();
      started.set(key, promise);
    }
    return promise;
  };
}

/**
 * One bus listener for all of a server's subscriptions: each event reaches
 * every registered listener together with a fresh `SharedWork`, so N
 * subscriptions asking the same question about one event ask it once.
 */
export function createEventFanOut(bus: EventBus): {
  listen: (listener: EventListener) => () => void;
  /** Subscriptions listening now. */
  size: () => number;
  close: () => void;
} {
  const listeners = new Set<EventListener>();
  const unsubscribe = bus.subscribe((event) =>
    // In the publisher's trace (the order change a webhook or a person made): the subscribers'
    // re-reads of the subgraphs are its children (docs/operations.md, "Traces").
    inSpan(
      'subscription.fan_out',
      {
        parent: traceContextOf(event.trace),
        attributes: { 'nexara.event_kind': event.kind, 'nexara.listeners': listeners.size },
      },
      () => {
        const shared = sharedWorkForOneEvent();
        for (const listener of listeners) listener(event, shared);
      },
    ),
  );
  return {
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => listeners.size,
    close: unsubscribe,
  };
}
