import type { Identity } from '@nexara/kit';
import type { ExecutionResult } from 'graphql';
import type { OperationRunner } from './subscription-server';

/** One subject's re-read, answered as the single re-read would be: `{ data: { __nexaraSubject } }`. */
export type BatchedReRead = (
  key: string,
  read: { query: string; variables: Record<string, unknown>; identity: Identity; ref: unknown },
) => Promise<ExecutionResult | null>;

/** Refs one batched read names at most (the orders subgraph takes up to 200). */
export const MAX_RE_READ_BATCH = 100;

type Waiting = { ref: unknown; answer: (result: ExecutionResult | null) => void };
type Pending = { query: string; variables: Record<string, unknown>; identity: Identity; waiting: Waiting[] };

/**
 * Gathers the re-reads asked for in one turn of the event loop (the events of
 * one bus message, or of several that came together) that share a key, and
 * runs them as one query whose list field takes every subject's ref
 * (`$__nexaraRefs`) and answers each subject at its place, null where there is
 * none: under a burst, one request through the gateway and one tenant
 * transaction in the subgraph read a moment's changes instead of one each.
 * The key must name everything besides the subject that decides the answer
 * (tenant, audience, query, the client's variables): one of the batch's
 * identities reads for all of it, as `SharedWork` reads one event for many
 * subscribers.
 *
 * A batch that does not answer cleanly (any error, a malformed answer) answers
 * null to each of its reads, and the caller reads those one by one with
 * retries: a failure never costs a subscriber a version it would otherwise
 * have got, and errors keep the single read's meaning.
 */
export function createReReadBatcher(run: OperationRunner, maxBatch = MAX_RE_READ_BATCH): BatchedReRead {
  let pending = new Map<string, Pending>();
  let scheduled = false;

  const runBatch = async (batch: Pending, waiting: Waiting[]): Promise<void> => {
    const refs = waiting.map((w) => w.ref);
    const result = await run(
      batch.query,
      { ...batch.variables, __nexaraRefs: refs },
      batch.identity,
      'NexaraSubscriptionEvents',
    ).catch(() => null);
    const subjects = (result?.data as { __nexaraSubjects?: unknown } | null | undefined)?.__nexaraSubjects;
    const clean = !result?.errors?.length && Array.isArray(subjects) && subjects.length === refs.length;
    waiting.forEach((w, i) => w.answer(clean ? { data: { __nexaraSubject: subjects[i] ?? null } } : null));
  };

  const flush = (): void => {
    scheduled = false;
    const batches = pending;
    pending = new Map();
    for (const batch of batches.values()) {
      for (let start = 0; start < batch.waiting.length; start += maxBatch) {
        const waiting = batch.waiting.slice(start, start + maxBatch);
        void runBatch(batch, waiting).catch(() => waiting.forEach((w) => w.answer(null)));
      }
    }
  };

  return (key, { query, variables, identity, ref }) =>
    new Promise((answer) => {
      let batch = pending.get(key);
      if (!batch) {
        batch = { query, variables, identity, waiting: [] };
        pending.set(key, batch);
      }
      batch.waiting.push({ ref, answer });
      if (!scheduled) {
        scheduled = true;
        // After the current I/O callbacks: every event of the bus messages read in this turn has asked by then.
        setImmediate(flush);
      }
    });
}
