import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets and tokens never reach them (see `redact`). */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
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
  });
}
