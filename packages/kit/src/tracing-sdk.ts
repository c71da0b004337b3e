import type { IncomingMessage } from 'node:http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Tracing } from './tracing';

/** Probes and scrapes: a span each every few seconds would bury the traces anyone looks for. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The SDK part of `startTracing` (./tracing.ts), loaded only when an OTLP
 * endpoint is configured. The exporter reads the standard variables itself
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, `..._HEADERS`, `OTEL_BSP_*`); it sends
 * OTLP/HTTP with JSON bodies. The provider installs the AsyncLocalStorage
 * context manager and the W3C trace-context propagator, which the HTTP and
 * undici instrumentations use to continue an incoming `traceparent` and to
 * send one with every outgoing request (docs/operations.md, "Traces").
 */
export function startTracerProvider(serviceName: string): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
        // Outgoing calls belong to the request or job that makes them; none stands alone.
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // The queue's polling and LISTEN connections would be a root span each: only queries made for a request or job.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  return {
    shutdown: async () => {
      unregister();
      await provider.shutdown();
    },
  };
}
