// The part of autocannon 9's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  type RawRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer };

  type RequestSpec = RawRequest & {
    /** Called before each request; its result is sent. */
    setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest | null;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  };

  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    requests?: RequestSpec[];
  };

  type Histogram = { average: number; p50: number; p90: number; p97_5: number; p99: number; max: number };

  type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    latency: Histogram;
    requests: Histogram & { total: number };
    statusCodeStats: Record<string, { count: number }>;
  };

  type Instance = Promise<Result> &
    EventEmitter & {
      on(
        event: 'response',
        listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
      ): void;
      stop(): void;
    };

  function autocannon(options: Options): Instance;
  export = autocannon;
}
