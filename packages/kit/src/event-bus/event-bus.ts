import type { Logger } from '../logger';
import { currentTraceContext } from '../tracing';

/**
 * Small events services publish after their transaction commits. The payload
 * is ids only: a consumer re-reads what it needs with its own credentials, so
 * the bus never carries tenant data and never needs to be trusted with it.
 */
export type BusEvent = {
  tenantId: string;
  /** What changed: one of the kinds in @nexara/contracts (`BUS_EVENTS`), e.g. `order.changed`. */
  kind: string;
  /** The id of the thing that changed. */
  id: string;
  /**
   * Which change of it this is, when the thing counts its changes (an
   * order's `version`): a consumer can then read the state that change
   * produced, and tell a repeated or late announcement from a new one.
   */
  version?: number;
  /**
   * The W3C trace context (`traceparent`) of the work that published it,
   * when tracing runs: a consumer's work continues that trace (set by
   * `publish`, docs/operations.md, "Traces").
   */
  trace?: Record<string, string>;
};

/** What `publish` sends: the event, with the active trace context when there is one. */
export function wireFormOf(event: BusEvent): string {
  const trace = currentTraceContext();
  return JSON.stringify(trace['traceparent'] ? { ...event, trace } : event);
}

export type BusListener = (event: BusEvent) => void;

export type EventBus = {
  readonly transport: 'postgres' | 'redis';
  publish: (event: BusEvent) => Promise<void>;
  /** Returns the function that unsubscribes. Listeners are called for every event of every tenant. */
  subscribe: (listener: BusListener) => () => void;
  /** Resolves once the bus is listening (so a test can publish right after). */
  ready: () => Promise<void>;
  close: () => Promise<void>;
};

export const EVENT_CHANNEL = 'nexara_events';

/** Published by the tenants subgraph when a sign-in session ends (id: the session); gateways close its sockets. */
export const SESSION_ENDED_EVENT = 'session.ended';

/** Parses an event off the wire; anything malformed is dropped (the caller logs it: see `receivedOffTheWire`), never thrown. */
export function parseBusEvent(raw: string): BusEvent | null {
  try {
    const value = JSON.parse(raw) as Partial<BusEvent>;
    if (typeof value.tenantId === 'string' && typeof value.kind === 'string' && typeof value.id === 'string') {
      const event: BusEvent = { tenantId: value.tenantId, kind: value.kind, id: value.id };
      if (Number.isSafeInteger(value.version) && value.version! > 0) event.version = value.version;
      const traceparent = value.trace?.['traceparent'];
      if (typeof traceparent === 'string' && traceparent.length <= 64) event.trace = { traceparent };
      return event;
    }
  } catch {
    // fall through
  }
  return null;
}

/**
 * What a bus does with one payload it received: parsed and handed to every
 * listener, or, malformed, dropped with a warning (every publisher is ours,
 * so one is a defect to find, not noise).
 */
export function receivedOffTheWire(raw: string, listeners: ListenerSet, logger: Logger): void {
  const event = parseBusEvent(raw);
  if (!event) {
    logger.warn({ payload: raw.slice(0, 200) }, 'event bus dropped a malformed event');
    return;
  }
  listeners.emit(event, (error) => logger.error({ err: error }, 'event listener failed'));
}

/** Fan-out to listeners; one failing listener never stops the others. */
export class ListenerSet {
  private readonly listeners = new Set<BusListener>();

  add(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: BusEvent, onError: (error: unknown) => void): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        onError(error);
      }
    }
  }
}
