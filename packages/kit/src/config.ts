import { z } from 'zod';
import { parseEgressAllow } from './egress/egress-rules';

/**
 * Reads configuration once, at start, from environment variables.
 * Every problem is listed (each naming its variable) before the caller exits,
 * so a misconfigured deployment is fixed in one round instead of one per variable.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends z.ZodRawShape>(
  shape: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.');
    const missing = issue.code === 'invalid_type' && env[variable] === undefined;
    return missing ? `${variable} is required but not set` : `${variable}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Common variables, composed into each service's own shape. */
export const env = {
  secret: (minLength = 32) =>
    z.string().min(minLength, `must be at least ${minLength} characters (use a random value)`),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: () => z.url(),
  postgresUrl: () => z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL'),
  nodeEnv: () => z.enum(['development', 'test', 'production']).default('development'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  /** `EGRESS_ALLOW`: `host:port,...` that outbound calls may reach over http and on internal addresses. */
  egressAllow: () =>
    z
      .string()
      .default('')
      .superRefine((value, context) => {
        try {
          parseEgressAllow(value);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
};

/** For entry points: load or print every problem and exit with status 78 (configuration error). */
export function loadConfigOrExit<S extends z.ZodRawShape>(shape: S, service: string): z.infer<z.ZodObject<S>> {
  try {
    return loadConfig(shape);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[${service}] ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
