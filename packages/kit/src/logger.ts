import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export type { Logger };

/** What an error becomes on a log line: never the whole object (a `pg` error can carry its client). */
export type SerializedError = {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SerializedError;
};

/** Longest stack kept on a log line; deeper frames say nothing a reader needs. */
const MAX_STACK_CHARS = 1500;
const MAX_MESSAGE_CHARS = 500;

/**
 * An error as message, code and stack, and its `cause` (two levels at most).
 * pino's standard serializer copies every enumerable property, which for a
 * TypeORM or `pg` error means the driver error, its query and parameters,
 * and sometimes the whole client with its socket: tens of kilobytes a line.
 * Anything that is not an Error is logged as its string form.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: truncate(String(error), MAX_MESSAGE_CHARS) };
  }
  const code = (error as { code?: unknown }).code;
  const serialized: SerializedError = {
    type: error.constructor?.name ?? error.name,
    message: truncate(error.message, MAX_MESSAGE_CHARS),
  };
  if (typeof code === 'string' || typeof code === 'number') serialized.code = String(code);
  if (error.stack) serialized.stack = truncate(error.stack, MAX_STACK_CHARS);
  // A GraphQL error wraps the real one; TypeORM keeps the driver's error in `driverError`.
  const inner =
    error.cause ??
    (error as { originalError?: unknown }).originalError ??
    (error as { driverError?: unknown }).driverError;
  if (inner !== undefined && inner !== null && depth < 2) {
    serialized.cause = serializeError(inner, depth + 1);
    serialized.code ??= serialized.cause.code;
  }
  return serialized;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Per-request fields every line logged inside the request carries (its tenant). */
export type LogContext = { tenantId?: string | null };
const logContext = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `context` on every log line it writes (through any logger of this module). */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return logContext.run({ ...logContext.getStore(), ...context }, work);
}

/**
 * The fields added to every line: the active trace (OpenTelemetry, when
 * tracing runs) and the tenant of the request being served.
 */
function contextFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const span = trace.getActiveSpan()?.spanContext();
  if (span && span.traceId !== '00000000000000000000000000000000') {
    fields['traceId'] = span.traceId;
    fields['spanId'] = span.spanId;
  }
  const tenantId = logContext.getStore()?.tenantId;
  if (tenantId) fields['tenantId'] = tenantId;
  return fields;
}

/** Structured JSON logs, one line per event; secrets and tokens never reach them (see `redact`). */
export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: contextFields,
    serializers: { err: serializeError, error: serializeError },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-nexara-context"]',
        'headers.authorization',
        '*.password',
        '*.secret',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
