import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { parseBusEvent, wireFormOf } from './event-bus';
import { activeTraceId, currentTraceContext, inSpan, linkTo, startTracing, traceContextOf } from './tracing';

/**
 * Without an OTLP endpoint (as in every in-process test) tracing is the
 * API's no-op: nothing is started, no trace context is stored or sent, and
 * the span helpers only run the work. The exporting side is held by
 * e2e/tracing.e2e-spec.ts against real processes.
 */
describe('tracing without an endpoint', () => {
  it('starts nothing', () => {
    expect(startTracing('test', {})).toBeNull();
    expect(startTracing('test', { OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBeNull();
  });

  it('runs the work of a span, sync or async, and passes its errors on', async () => {
    expect(inSpan('sync', {}, () => 41 + 1)).toBe(42);
    await expect(inSpan('async', {}, async () => 'done')).resolves.toBe('done');
    await expect(
      inSpan('failing', {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(() =>
      inSpan('failing', {}, () => {
        throw new Error('sync boom');
      }),
    ).toThrow('sync boom');
  });

  it('stores and sends no trace context', () => {
    expect(currentTraceContext()).toEqual({});
    expect(activeTraceId()).toBeUndefined();
    const event = { tenantId: 't', kind: 'order.changed', id: 'o', version: 2 };
    expect(JSON.parse(wireFormOf(event))).toEqual(event);
  });
});

describe('stored trace context', () => {
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  // What the tracer provider registers when tracing runs.
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  it('names the parent a job or bus event continues, and links to it', () => {
    expect(trace.getSpanContext(traceContextOf({ traceparent }))).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      isRemote: true,
    });
    expect(linkTo({ traceparent })?.context.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('falls back to the active context without a usable one', () => {
    for (const carrier of [undefined, null, {}, { traceparent: 'garbage' }] as (
      Record<string, string> | null | undefined
    )[]) {
      expect(trace.getSpanContext(traceContextOf(carrier))).toBeUndefined();
    }
    expect(linkTo({})).toBeNull();
  });
});

describe('bus events and trace context', () => {
  it('keeps a traceparent from the wire and drops anything else there', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(
      parseBusEvent(JSON.stringify({ tenantId: 't', kind: 'k', id: 'i', trace: { traceparent, x: 'y' } })),
    ).toEqual({ tenantId: 't', kind: 'k', id: 'i', trace: { traceparent } });
    for (const trace of [null, 'text', { traceparent: 5 }, { traceparent: 'x'.repeat(65) }]) {
      expect(parseBusEvent(JSON.stringify({ tenantId: 't', kind: 'k', id: 'i', trace }))).toEqual({
        tenantId: 't',
        kind: 'k',
        id: 'i',
      });
    }
  });
});
