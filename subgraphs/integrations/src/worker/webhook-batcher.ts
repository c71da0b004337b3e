/**
 * Gathers the jobs graphile-worker hands out one by one into batches: each
 * job's `take` joins the next batch and resolves with its own result.
 * At most `maxInFlight` batches run at once; jobs arriving meanwhile wait and
 * form the next, so batches grow with the backlog (one job alone when the
 * queue is quiet: no added latency) up to `maxBatch`.
 *
 * Hand-written (about 30 lines) because nothing we use does this: graphile-
 * worker 0.17's "batch jobs" merge payloads under one job key, which would
 * lose the per-event job keys that retries, replays and the sweeper rely on,
 * and DataLoader batches per tick without a bound on batches in flight,
 * which is what makes batches grow under load.
 */
export function createBatcher<P, R>(
  run: (payloads: P[]) => Promise<R[]>,
  options: {
    maxBatch: number;
    maxInFlight: number;
    /** Called when a batch ends with no other running and no job waiting (the batcher may be dropped then). */
    onIdle?: () => void;
  },
): { take: (payload: P) => Promise<R>; inFlight: () => number } {
  type Waiting = { payload: P; resolve: (result: R) => void; reject: (error: unknown) => void };
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = (): void => {
    if (scheduled || waiting.length === 0 || inFlight >= options.maxInFlight) return;
    scheduled = true;
    // Next turn of the event loop: the jobs graphile-worker starts together (from its local queue) share a batch.
    setImmediate(flush);
  };
  const flush = (): void => {
    scheduled = false;
    while (inFlight < options.maxInFlight && waiting.length) {
      const batch = waiting.splice(0, options.maxBatch);
      inFlight += 1;
      run(batch.map((job) => job.payload))
        .then(
          (results) => batch.forEach((job, i) => job.resolve(results[i]!)),
          (error: unknown) => batch.forEach((job) => job.reject(error)),
        )
        .finally(() => {
          inFlight -= 1;
          schedule();
          if (inFlight === 0 && waiting.length === 0) options.onIdle?.();
        });
    }
  };

  return {
    take: (payload) =>
      new Promise<R>((resolve, reject) => {
        waiting.push({ payload, resolve, reject });
        schedule();
      }),
    inFlight: () => inFlight,
  };
}
