import { setMaxListeners } from 'node:events';
import { providerDefinition } from '@nexara/providers';
import type { SimulatedConnection, SimulatedProvider } from './connections';
import {
  countryProfileFor,
  createRandom,
  currencyExponentOf,
  type ExpectedTotals,
  type Random,
} from '@nexara/providers/testing';
import {
  CANCELLATION_STATUS,
  STATUS_PROGRESSIONS,
  answeredDuplicate,
  buildWebhook,
  checkAnswer,
  sendWebhook,
  followUpReference,
  type BuiltWebhook,
  type ProviderOrder,
  type SendResult,
  type WebhookKind,
} from './send';

export type ScenarioOptions = {
  connections: readonly SimulatedConnection[];
  /** New orders per second, across all connections (round-robin). */
  ratePerSecond: number;
  /** Stop creating new orders after this long (follow-ups still finish). */
  durationMs?: number;
  /** Stop creating new orders after this many. */
  maxOrders?: number;
  /** Same seed, same orders, same decisions (whatever the timing of the answers). */
  seed?: number;
  /** Share of orders the provider later reports progress on (default 0.5). */
  statusUpdateRatio?: number;
  /** Share of orders the provider cancels (default 0.15); taken before status updates. */
  cancellationRatio?: number;
  /** Share of deliveries resent byte for byte (default 0.1); half at once (a race), half after the answer. */
  duplicateRatio?: number;
  /** Share of updated orders whose updates are sent newest first (default 0.25). */
  outOfOrderRatio?: number;
  /** Pause between an order's answer and its first follow-up, and between follow-ups (default 1000 ms). */
  followUpDelayMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Replaces the HTTP send (tests). */
  send?: (built: BuiltWebhook) => Promise<SendResult>;
  /** Called for every answered delivery, in answer order. */
  onEntry?: (entry: LedgerEntry) => void;
};

/** One delivery and the answer it got. */
export type LedgerEntry = {
  seq: number;
  /** Which simulated order (0-based creation index) the delivery belongs to. */
  orderIndex: number;
  provider: SimulatedProvider;
  connectionIndex: number;
  kind: WebhookKind;
  externalId: string;
  idempotencyKey: string | null;
  providerStatus: string | null;
  /** seq of the delivery this one resends byte for byte, else null. */
  duplicateOf: number | null;
  /** Sent while the delivery it copies was still unanswered. */
  concurrentDuplicate: boolean;
  /** A status update of an order whose updates were sent newest first. */
  outOfOrder: boolean;
  method: 'POST' | 'PUT';
  url: string;
  sentAt: Date;
  status: number;
  elapsedMs: number;
  responseBody: string;
  /** The receipt's `duplicate` flag, when the answer carried one. */
  answeredDuplicate: boolean | null;
  error: string | null;
  /** What is wrong with the answer by the provider's contract, else null. */
  contractViolation: string | null;
};

/** One simulated order: what was planned for it and what the platform should hold. */
export type ScenarioOrder = {
  orderIndex: number;
  provider: SimulatedProvider;
  connectionIndex: number;
  externalId: string;
  totals: ExpectedTotals;
  /** Provider statuses planned after the order, in the order the provider produced them. */
  plannedStatuses: string[];
  /** The order they were actually sent in (differs when out of order). */
  sentStatuses: string[];
  cancelled: boolean;
  outOfOrder: boolean;
  /** A provider whose follow-ups name the order by the answer: the id the platform answered. */
  remoteOrderId: string | null;
  /** Why follow-ups were skipped, if they were. */
  skipped: string | null;
};

export type ScenarioSummary = {
  sent: number;
  newOrders: number;
  statusUpdates: number;
  cancellations: number;
  duplicates: number;
  outOfOrder: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
  networkErrors: number;
  contractViolations: number;
  p50Ms: number;
  p99Ms: number;
};

/** Nearest-rank percentile of a list of numbers; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function summarizeLedger(ledger: readonly LedgerEntry[]): ScenarioSummary {
  const answered = ledger.filter((entry) => entry.status > 0).map((entry) => entry.elapsedMs);
  const count = (test: (entry: LedgerEntry) => boolean): number => ledger.filter(test).length;
  return {
    sent: ledger.length,
    newOrders: count((e) => e.kind === 'new_order' && e.duplicateOf === null),
    statusUpdates: count((e) => e.kind === 'status_update' && e.duplicateOf === null),
    cancellations: count((e) => e.kind === 'cancellation' && e.duplicateOf === null),
    duplicates: count((e) => e.duplicateOf !== null),
    outOfOrder: count((e) => e.outOfOrder),
    ok: count((e) => e.status >= 200 && e.status < 300),
    clientErrors: count((e) => e.status >= 400 && e.status < 500),
    serverErrors: count((e) => e.status >= 500),
    networkErrors: count((e) => e.status === 0),
    contractViolations: count((e) => e.contractViolation !== null),
    p50Ms: Math.round(percentile(answered, 50)),
    p99Ms: Math.round(percentile(answered, 99)),
  };
}

/** Derives an independent random source per order, so answer timing cannot change what an order looks like. */
function orderRandom(seed: number, orderIndex: number): Random {
  return createRandom((seed ^ Math.imul(orderIndex + 1, 0x9e3779b1)) >>> 0);
}

/**
 * Plays the providers against a running platform: new orders at a steady rate
 * over the given connections and, for some, later status updates and
 * cancellations, with exact duplicates and out-of-order deliveries mixed in.
 * Every delivery and its answer goes into the ledger.
 */
export class ScenarioRunner {
  readonly ledger: LedgerEntry[] = [];
  readonly orders: ScenarioOrder[] = [];
  /** Failures of the simulator itself (a payload it could not build), never the platform's answers. */
  readonly problems: string[] = [];

  private readonly options: Required<
    Pick<
      ScenarioOptions,
      'statusUpdateRatio' | 'cancellationRatio' | 'duplicateRatio' | 'outOfOrderRatio' | 'followUpDelayMs' | 'timeoutMs'
    >
  > &
    ScenarioOptions;
  private readonly seed: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopController = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private created = 0;
  private seq = 0;
  private creationDone: Promise<void> = Promise.resolve();
  private finishCreation: () => void = () => undefined;

  constructor(options: ScenarioOptions) {
    if (options.connections.length === 0) throw new Error('The scenario needs at least one connection.');
    if (!(options.ratePerSecond > 0))
      throw new Error('The scenario rate must be a positive number of orders per second.');
    for (const connection of options.connections) {
      // Fails now, with the connection named, rather than inside the first order.
      currencyExponentOf(connection.currency);
      countryProfileFor(connection.currency);
    }
    this.options = {
      statusUpdateRatio: 0.5,
      cancellationRatio: 0.15,
      duplicateRatio: 0.1,
      outOfOrderRatio: 0.25,
      followUpDelayMs: 1000,
      timeoutMs: 10_000,
      ...options,
    };
    this.seed = (options.seed ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;
    // Every order waiting for its next follow-up listens for the stop: hundreds at once is normal here.
    setMaxListeners(0, this.stopController.signal);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  summary(): ScenarioSummary {
    return summarizeLedger(this.ledger);
  }

  /** Starts creating orders; returns at once. */
  start(): void {
    if (this.timer || this.stopController.signal.aborted) throw new Error('A scenario runs once.');
    this.creationDone = new Promise((resolve) => {
      this.finishCreation = resolve;
    });
    this.startedAt = Date.now();
    const tickMs = Math.max(5, Math.min(50, Math.floor(1000 / this.options.ratePerSecond)));
    this.tick();
    if (this.stopController.signal.aborted || this.creationFinished()) return;
    this.timer = setInterval(() => this.tick(), tickMs);
  }

  /** Runs until the duration or order count is reached, waits for every follow-up, and returns the ledger. */
  async run(): Promise<LedgerEntry[]> {
    if (this.options.durationMs === undefined && this.options.maxOrders === undefined) {
      throw new Error('run() needs durationMs or maxOrders; use start()/stop() for an open-ended run.');
    }
    this.start();
    await this.creationDone;
    await this.drain();
    return this.ledger;
  }

  /**
   * Stops creating orders but lets every order already created play out: its follow-ups and the
   * resends of deliveries answered with an error are sent, and the ledger is returned once none is
   * left. For open-ended runs (`start()`) that end on a condition rather than a duration.
   */
  async finish(): Promise<LedgerEntry[]> {
    this.stopCreating();
    await this.creationDone;
    await this.drain();
    return this.ledger;
  }

  /** Stops creating orders, drops follow-ups not yet sent, and waits for requests in flight. */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.stopCreating();
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private creationFinished(): boolean {
    const { maxOrders, durationMs } = this.options;
    if (maxOrders !== undefined && this.created >= maxOrders) return true;
    return durationMs !== undefined && Date.now() - this.startedAt >= durationMs;
  }

  private stopCreating(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.finishCreation();
  }

  private tick(): void {
    if (this.stopController.signal.aborted) return;
    const elapsed = Date.now() - this.startedAt;
    const { maxOrders, durationMs, ratePerSecond } = this.options;
    if (durationMs !== undefined && elapsed >= durationMs) {
      this.stopCreating();
      return;
    }
    // Orders due so far (the first at once); a slow tick catches up instead of drifting.
    let due = Math.floor((elapsed / 1000) * ratePerSecond) + 1;
    if (maxOrders !== undefined) due = Math.min(due, maxOrders);
    while (this.created < due) this.track(this.playOrder(this.created++));
    if (this.creationFinished()) this.stopCreating();
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => {
        this.problems.push(error instanceof Error ? error.message : String(error));
      })
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private sleep(ms: number): Promise<boolean> {
    const signal = this.stopController.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async playOrder(orderIndex: number): Promise<void> {
    const connectionIndex = orderIndex % this.options.connections.length;
    const connection = this.options.connections[connectionIndex] as SimulatedConnection;
    const random = orderRandom(this.seed, orderIndex);
    const plan = this.planFollowUps(connection.provider, random);

    const built = await buildWebhook(connection, 'new_order', { random });
    const record: ScenarioOrder = {
      orderIndex,
      provider: connection.provider,
      connectionIndex,
      externalId: built.externalId,
      totals: built.totals as ExpectedTotals,
      plannedStatuses: plan.statuses,
      sentStatuses: plan.outOfOrder ? [...plan.statuses].reverse() : [...plan.statuses],
      cancelled: plan.cancel,
      outOfOrder: plan.outOfOrder,
      remoteOrderId: null,
      skipped: null,
    };
    this.orders.push(record);

    const answer = await this.deliver(built, { orderIndex, connectionIndex, random, outOfOrder: false });
    if (answer.status < 200 || answer.status > 299) {
      if (plan.statuses.length > 0 || plan.cancel) record.skipped = `new order answered ${answer.status}`;
      return;
    }
    if (providerDefinition(connection.provider).simulator.followUpReference) {
      record.remoteOrderId = followUpReference(connection.provider, answer.body);
      if (record.remoteOrderId === null && (plan.statuses.length > 0 || plan.cancel)) {
        record.skipped = 'new order answer lacks remoteResponse.remoteOrderId';
        return;
      }
    }

    // Build follow-ups in the order the provider produced them (each a snapshot of
    // the order at that moment), then send them in the planned order.
    const followUps: BuiltWebhook[] = [];
    let order: ProviderOrder = built.order;
    for (const status of plan.statuses) {
      if (!(await this.sleep(this.options.followUpDelayMs))) return;
      const next = await buildWebhook(connection, 'status_update', {
        random,
        order,
        status,
        remoteOrderId: record.remoteOrderId ?? undefined,
      });
      order = next.order;
      followUps.push(next);
    }
    if (plan.outOfOrder) followUps.reverse();
    for (const followUp of followUps) {
      await this.deliver(followUp, { orderIndex, connectionIndex, random, outOfOrder: plan.outOfOrder });
    }
    if (plan.cancel) {
      if (!(await this.sleep(this.options.followUpDelayMs))) return;
      const cancellation = await buildWebhook(connection, 'cancellation', {
        random,
        order,
        status: CANCELLATION_STATUS[connection.provider],
        remoteOrderId: record.remoteOrderId ?? undefined,
      });
      await this.deliver(cancellation, { orderIndex, connectionIndex, random, outOfOrder: false });
    }
  }

  private planFollowUps(
    provider: SimulatedProvider,
    random: Random,
  ): { statuses: string[]; cancel: boolean; outOfOrder: boolean } {
    const { cancellationRatio, statusUpdateRatio, outOfOrderRatio } = this.options;
    const progression = STATUS_PROGRESSIONS[provider];
    const roll = random.next();
    if (roll < cancellationRatio) return { statuses: [], cancel: true, outOfOrder: false };
    if (roll >= cancellationRatio + statusUpdateRatio) return { statuses: [], cancel: false, outOfOrder: false };
    const outOfOrder = progression.length >= 2 && random.chance(outOfOrderRatio);
    const count = random.int(outOfOrder ? 2 : 1, progression.length);
    return { statuses: progression.slice(0, count), cancel: false, outOfOrder };
  }

  /** Sends one delivery (and maybe its exact duplicate), records both; returns the original's answer. */
  private async deliver(
    built: BuiltWebhook,
    context: { orderIndex: number; connectionIndex: number; random: Random; outOfOrder: boolean },
  ): Promise<SendResult> {
    const duplicate = context.random.chance(this.options.duplicateRatio);
    const concurrent = duplicate && context.random.chance(0.5);
    const seq = this.seq++;
    const original = this.sendAndRecord(built, seq, context, null, false);
    if (!duplicate) return original;
    if (concurrent) {
      const copy = this.sendAndRecord(built, this.seq++, context, seq, true);
      const [answer] = await Promise.all([original, copy]);
      return answer;
    }
    const answer = await original;
    await this.sendAndRecord(built, this.seq++, context, seq, false);
    return answer;
  }

  private async sendAndRecord(
    built: BuiltWebhook,
    seq: number,
    context: { orderIndex: number; connectionIndex: number; outOfOrder: boolean },
    duplicateOf: number | null,
    concurrentDuplicate: boolean,
  ): Promise<SendResult> {
    const sentAt = new Date();
    const send = this.options.send ?? ((b: BuiltWebhook) => sendWebhook(b, { timeoutMs: this.options.timeoutMs }));
    const result = await send(built);
    const entry: LedgerEntry = {
      seq,
      orderIndex: context.orderIndex,
      provider: built.provider,
      connectionIndex: context.connectionIndex,
      kind: built.kind,
      externalId: built.externalId,
      idempotencyKey: built.idempotencyKey,
      providerStatus: built.providerStatus,
      duplicateOf,
      concurrentDuplicate,
      outOfOrder: context.outOfOrder && built.kind === 'status_update',
      method: built.method,
      url: built.url,
      sentAt,
      status: result.status,
      elapsedMs: result.elapsedMs,
      responseBody: result.body,
      answeredDuplicate: answeredDuplicate(result.body),
      error: result.error ?? null,
      contractViolation: checkAnswer(built, result),
    };
    this.ledger.push(entry);
    this.options.onEntry?.(entry);
    return result;
  }
}
