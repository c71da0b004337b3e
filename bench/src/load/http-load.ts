import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { round, summarizeLatencies, type LatencySummary } from '../stats';

export type HttpRequest = {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body?: string;
};

export type LoadOptions = {
  /** Origin, e.g. http://127.0.0.1:4000 (each request names its path). */
  origin: string;
  /** Concurrent connections, each with one request in flight (closed loop). */
  connections: number;
  /** Stop after this long... */
  durationSeconds?: number;
  /** ...or after this many requests. */
  amount?: number;
  /** The same request every time, or a fresh one per request. */
  request: HttpRequest | (() => HttpRequest);
  /** Sees every answer (bodies are decoded only when this is given). */
  onResponse?: (status: number, body: string) => void;
};

export type LoadRun = {
  connections: number;
  seconds: number;
  /** Answers of any status. */
  responses: number;
  /** Answers per second. */
  perSecond: number;
  statuses: Record<string, number>;
  /** Connection errors and timeouts (no answer). */
  errors: number;
  latency: LatencySummary;
};

/**
 * One autocannon run; latencies are kept per response so any percentile can be read.
 * Its time runs from the start to the last answer: autocannon itself finishes only
 * at its next one-second sample tick after the last answer, and counting that idle
 * tail made a run of a few seconds look slower than it was (a 2 s run, by up to a third).
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const { request } = options;
  const spec =
    typeof request === 'function'
      ? { setupRequest: (raw: object) => ({ ...raw, ...request() }), onResponse: options.onResponse }
      : { ...request, onResponse: options.onResponse };
  const started = performance.now();
  let lastAnswer = started;
  const instance = autocannon({
    url: options.origin,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    timeout: 30,
    requests: [spec],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    lastAnswer = performance.now();
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  const seconds = (latencies.length > 0 ? lastAnswer - started : performance.now() - started) / 1000;
  return {
    connections: options.connections,
    seconds: round(seconds),
    responses: latencies.length,
    perSecond: round(latencies.length / seconds, 1),
    statuses,
    errors: result.errors,
    latency: summarizeLatencies(latencies),
  };
}
