import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '../display';
import type { ConnectionContext, InboundWebhook } from '../adapter';

/**
 * Builders shared by the adapters' specs (no jest import, so it type-checks
 * with the rest). Secrets are long random-looking strings, as real ones are.
 */
export const CURRENT_SECRET = 'cur_9f4c2b7e1d8a6035f2e9c4b1a7d3e8f0c6b2a9d4e1f7c3b8';
export const PREVIOUS_SECRET = 'old_2a6d9e1c4f7b0a3d8e5c2b9f6a1d4e7c0b3f8a5d2e9c6b1f';

export function aConnection(provider: Provider, overrides: Partial<ConnectionContext> = {}): ConnectionContext {
  return {
    id: '3f1e7c52-8a4b-4d6e-9c1f-2b7a5d8e0c34',
    tenantId: '9b2d4f6a-1c3e-4a5b-8d7f-0e2c4a6b8d10',
    provider,
    currency: 'AED',
    externalStoreId: 'store-1',
    apiBaseUrl: 'http://127.0.0.1:4900/provider-api/',
    secrets: [CURRENT_SECRET, PREVIOUS_SECRET],
    ...overrides,
  };
}

export function aWebhook(provider: Provider, overrides: Partial<InboundWebhook> = {}): InboundWebhook {
  return {
    provider,
    method: 'POST',
    subPath: '',
    headers: {},
    rawBody: Buffer.from('{}'),
    receivedAt: new Date('2025-03-14T17:03:00.000Z'),
    ...overrides,
  };
}

/** A fixture's exact bytes, as the provider would send them. */
export function fixtureBytes(directory: string, name: string): Buffer {
  return readFileSync(join(directory, 'fixtures', name));
}

/** A fixture parsed, changed by `edit`, and serialized again (for wrong shapes and variants). */
export function editedFixture(directory: string, name: string, edit: (body: Record<string, unknown>) => void): Buffer {
  const body = JSON.parse(fixtureBytes(directory, name).toString('utf8')) as Record<string, unknown>;
  edit(body);
  return Buffer.from(JSON.stringify(body));
}

/** Walks a parsed fixture by keys and indexes, for edits in specs. */
export function at(value: unknown, ...path: (string | number)[]): Record<string, unknown> {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return current as Record<string, unknown>;
}

/** Every status a webhook refusal is sent with, before a provider's own mapping (@nexara/contracts' WEBHOOK_ERROR_CODES). */
export const WEBHOOK_ERROR_STATUSES = [400, 401, 404, 409, 413, 415, 429, 500, 503] as const;
