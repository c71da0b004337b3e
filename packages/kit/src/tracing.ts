import { context, propagation, SpanStatusCode, trace, type Context, type Link, type Span } from '@opentelemetry/api';

/**
 * OpenTelemetry tracing, set up by each service's entry point before it
 * loads anything else (`import './tracing'` first in `main.ts`), so the HTTP
 * and PostgreSQL instrumentations see `http` and `pg` being loaded.
 *
 * Only `@opentelemetry/api` is loaded here: without
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`)
 * nothing of the SDK is even required, no tracer provider is installed, and
 * every span the code asks for is the API's no-op (docs/operations.md,
 * "Traces").
 */

export type Tracing = {
  /** Ends and exports the spans still buffered; the service calls it as it stops. */
  shutdown: () => Promise<void>;
};

let active: Tracing | null = null;

/** Whether `env` asks for traces to be exported. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
}

/**
 * Starts the tracer provider for `serviceName` (`service.name` on every
 * span) with the HTTP, undici and `pg` instrumentations and an OTLP/HTTP
 * exporter, when the environment names an endpoint; otherwise does nothing
 * and answers null.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing | null {
  if (active || !tracingConfigured(env)) return active;
  // Required here, not imported at the top: a service without an endpoint never loads the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./tracing-sdk') as typeof import('./tracing-sdk');
  active = sdk.startTracerProvider(serviceName);
  return active;
}

/** Flushes and stops tracing if it runs (a no-op otherwise). */
export async function stopTracing(): Promise<void> {
  const running = active;
  active = null;
  await running?.shutdown();
}

/** The W3C `traceparent` (and `tracestate`) of the active span, to store with work done later; empty without one. */
export function currentTraceContext(): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (trace.getActiveSpan()) propagation.inject(context.active(), carrier);
  return carrier;
}

/** The context a stored `traceparent` names (the active one when there is none). */
export function traceContextOf(carrier: Record<string, string> | undefined | null): Context {
  return carrier?.['traceparent'] ? propagation.extract(context.active(), carrier) : context.active();
}

/** A link to the span a stored `traceparent` names, if it names one. */
export function linkTo(carrier: Record<string, string> | undefined | null): Link | null {
  if (!carrier?.['traceparent']) return null;
  const spanContext = trace.getSpanContext(propagation.extract(context.active(), carrier));
  return spanContext ? { context: spanContext } : null;
}

/** The trace id of the active span, when a tracer records it (masked errors quote it). */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

const tracer = trace.getTracer('nexara');

/**
 * Runs `work` in a new span named `name` (a child of `parent`, the active
 * context by default), ending it when `work` returns or, for a promise,
 * settles, and recording a thrown error. Without tracing the span is the
 * API's no-op and costs a call.
 */
export function inSpan<T>(
  name: string,
  options: { parent?: Context; links?: Link[]; attributes?: Record<string, string | number | boolean> },
  work: (span: Span) => T,
): T {
  return tracer.startActiveSpan(
    name,
    { links: options.links, attributes: options.attributes },
    options.parent ?? context.active(),
    (span) => {
      let result: T;
      try {
        result = work(span);
      } catch (error) {
        endFailed(span, error);
        throw error;
      }
      if (!(result instanceof Promise)) {
        span.end();
        return result;
      }
      return result.then(
        (value: unknown) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          endFailed(span, error);
          throw error;
        },
      ) as T;
    },
  );
}

function endFailed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
