import { env } from '@nexara/kit';
import { z } from 'zod';
import { parseEncryptionKeys, SecretKeyConfigError } from './secrets/secret-box';

/** Checks SECRETS_ENCRYPTION_KEYS at start; the value stays a string and the server builds its SecretBox from it. */
const encryptionKeys = () =>
  z.string().superRefine((value, context) => {
    try {
      parseEncryptionKeys(value);
    } catch (error) {
      if (!(error instanceof SecretKeyConfigError)) throw error;
      // loadConfig prefixes the variable name itself.
      context.addIssue({ code: 'custom', message: error.message.replace(/^SECRETS_ENCRYPTION_KEYS /, '') });
    }
  });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const httpUrl = () =>
  z
    .string()
    .refine(isHttpUrl, 'must be an absolute http(s) URL, e.g. https://nexara.example.com')
    .transform((value) => value.replace(/\/+$/, ''));

export const integrationsConfigShape = {
  DATABASE_URL: env.postgresUrl(),
  INTERNAL_TOKEN_SECRET: env.secret(),
  PORT: env.port(4003),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** `keyId:base64key` entries, comma-separated; each key 32 bytes; the first encrypts, all decrypt. */
  SECRETS_ENCRYPTION_KEYS: encryptionKeys(),
  /** Where the gateway is reachable from outside; webhook URLs are built from it. */
  PUBLIC_URL: httpUrl().default('http://localhost:4000'),
};

export type IntegrationsConfig = z.infer<z.ZodObject<typeof integrationsConfigShape>>;
