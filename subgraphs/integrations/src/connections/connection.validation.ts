import { randomBytes } from 'node:crypto';
import { appError, isCurrencyCode, urlRefusal, type EgressRules } from '@nexara/kit';
import { PROVIDERS, type Provider } from '@nexara/providers/display';

/** What a caller asks for in `connectProvider` (GraphQL input or a service call). */
export type ConnectProviderRequest = {
  provider: Provider;
  name: string;
  branchId: string;
  externalStoreId: string;
  currency: string;
  apiBaseUrl: string;
  autoAccept?: boolean | null;
  secret?: string | null;
};

/** The request after validation: trimmed, currency upper-cased, URL without trailing slash. */
export type ValidConnectProviderRequest = Omit<ConnectProviderRequest, 'autoAccept' | 'secret'> & {
  autoAccept: boolean;
  secret: string | null;
};

export const MIN_SECRET_LENGTH = 16;
const MAX_TEXT_LENGTH = 200;
const MAX_SECRET_LENGTH = 4096;
const MAX_URL_LENGTH = 2048;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/** 32 random bytes, base64url: connection keys and generated provider secrets. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The absolute URL a provider posts to: `${PUBLIC_URL}/webhooks/${provider}/${connectionKey}`. */
export function webhookUrlFor(publicUrl: string, provider: Provider, connectionKey: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/${provider.toLowerCase()}/${encodeURIComponent(connectionKey)}`;
}

/** The URL without trailing slashes, or what is wrong with it (an egress refusal names its rule). */
function checkedApiBaseUrl(value: string, egress: EgressRules): { url: string } | { problem: string } {
  const trimmed = value.trim();
  const invalid = { problem: 'must be an absolute http(s) URL' };
  if (trimmed.length === 0 || trimmed.length > MAX_URL_LENGTH) return invalid;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return invalid;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return invalid;
  const refusal = urlRefusal(url, egress);
  if (refusal) return { problem: `is refused by the egress policy (rule: ${refusal.rule}): it ${refusal.message}` };
  return { url: trimmed.replace(/\/+$/, '') };
}

function nameProblem(name: string): string | null {
  if (name.length === 0) return 'must not be empty';
  if (name.length > MAX_TEXT_LENGTH) return `must be at most ${MAX_TEXT_LENGTH} characters`;
  return null;
}

function secretProblem(secret: string | null): string | null {
  if (secret === null) return null;
  if (secret.length < MIN_SECRET_LENGTH) {
    return `must be at least ${MIN_SECRET_LENGTH} characters, or omitted to have one generated`;
  }
  if (secret.length > MAX_SECRET_LENGTH) return `must be at most ${MAX_SECRET_LENGTH} characters`;
  return null;
}

/**
 * Checks every field and reports all problems at once as BAD_USER_INPUT,
 * with `extensions.fields` naming each field. Never echoes the secret.
 */
export function validateConnectProvider(
  request: ConnectProviderRequest,
  egress: EgressRules,
): ValidConnectProviderRequest {
  const problems: Record<string, string> = {};
  const name = request.name.trim();
  const externalStoreId = request.externalStoreId.trim();
  const currency = request.currency.trim().toUpperCase();
  const checkedUrl = checkedApiBaseUrl(request.apiBaseUrl, egress);
  const apiBaseUrl = 'url' in checkedUrl ? checkedUrl.url : null;
  const branchId = request.branchId.trim();
  const secret = request.secret ?? null;

  if (!(PROVIDERS as readonly string[]).includes(request.provider)) {
    problems['provider'] = `must be one of ${PROVIDERS.join(', ')}`;
  }
  const badName = nameProblem(name);
  if (badName) problems['name'] = badName;
  if (externalStoreId.length === 0)
    problems['externalStoreId'] = "must not be empty (the provider's id for the branch)";
  else if (externalStoreId.length > MAX_TEXT_LENGTH) {
    problems['externalStoreId'] = `must be at most ${MAX_TEXT_LENGTH} characters`;
  }
  if (!isCurrencyCode(currency)) problems['currency'] = 'must be an ISO 4217 currency code such as SAR or AED';
  if ('problem' in checkedUrl) problems['apiBaseUrl'] = checkedUrl.problem;
  if (!isUuid(branchId)) problems['branchId'] = 'must be a branch id (UUID)';
  const badSecret = secretProblem(secret);
  if (badSecret) problems['secret'] = badSecret;

  const fields = Object.keys(problems);
  if (fields.length > 0 || apiBaseUrl === null) {
    const message = fields.map((field) => `${field} ${problems[field]}`).join('; ');
    throw appError('BAD_USER_INPUT', `Cannot connect the provider: ${message}.`, { fields: problems });
  }
  return {
    provider: request.provider,
    name,
    branchId: branchId.toLowerCase(),
    externalStoreId,
    currency,
    apiBaseUrl,
    autoAccept: request.autoAccept ?? false,
    secret,
  };
}

/** What `updateConnection` may change; null or omitted leaves a field as it is. */
export type UpdateConnectionRequest = {
  id: string;
  name?: string | null;
  autoAccept?: boolean | null;
  apiBaseUrl?: string | null;
  controlIds?: Record<string, unknown> | null;
};

export type ConnectionChanges = {
  name?: string;
  autoAccept?: boolean;
  apiBaseUrl?: string;
  controlIds?: Record<string, string>;
};

const CONTROL_ID_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const MAX_CONTROL_IDS = 20;

/** `{name: value}` with names like `brandId` and short non-empty values, trimmed; or what is wrong. */
function checkedControlIds(value: Record<string, unknown>): { ids: Record<string, string> } | { problem: string } {
  const entries = Object.entries(value);
  if (entries.length > MAX_CONTROL_IDS) return { problem: `must hold at most ${MAX_CONTROL_IDS} ids` };
  const ids: Record<string, string> = {};
  for (const [name, id] of entries) {
    if (!CONTROL_ID_NAME.test(name))
      return { problem: `has a name that is not letters and digits: "${name.slice(0, 40)}"` };
    if (typeof id !== 'string' || id.trim().length === 0 || id.trim().length > MAX_TEXT_LENGTH) {
      return { problem: `${name} must be a non-empty string of at most ${MAX_TEXT_LENGTH} characters` };
    }
    ids[name] = id.trim();
  }
  return { ids };
}

/** Same rules as `connectProvider` for the fields given; at least one must be given. */
export function validateUpdateConnection(request: UpdateConnectionRequest, egress: EgressRules): ConnectionChanges {
  const problems: Record<string, string> = {};
  const changes: ConnectionChanges = {};
  if (request.name !== undefined && request.name !== null) {
    const name = request.name.trim();
    const badName = nameProblem(name);
    if (badName) problems['name'] = badName;
    else changes.name = name;
  }
  if (request.apiBaseUrl !== undefined && request.apiBaseUrl !== null) {
    const checkedUrl = checkedApiBaseUrl(request.apiBaseUrl, egress);
    if ('problem' in checkedUrl) problems['apiBaseUrl'] = checkedUrl.problem;
    else changes.apiBaseUrl = checkedUrl.url;
  }
  if (request.autoAccept !== undefined && request.autoAccept !== null) changes.autoAccept = request.autoAccept;
  if (request.controlIds !== undefined && request.controlIds !== null) {
    const checkedIds = checkedControlIds(request.controlIds);
    if ('problem' in checkedIds) problems['controlIds'] = checkedIds.problem;
    else changes.controlIds = checkedIds.ids;
  }

  const fields = Object.keys(problems);
  if (fields.length > 0) {
    const message = fields.map((field) => `${field} ${problems[field]}`).join('; ');
    throw appError('BAD_USER_INPUT', `Cannot update the connection: ${message}.`, { fields: problems });
  }
  if (Object.keys(changes).length === 0) {
    throw appError(
      'BAD_USER_INPUT',
      'Cannot update the connection: give at least one of name, autoAccept, apiBaseUrl, controlIds.',
      {
        fields: {},
      },
    );
  }
  return changes;
}

/** A provider-issued secret for `rotateConnectionSecret`, or null to have one generated. Never echoes it. */
export function validateRotationSecret(secret: string | null | undefined): string | null {
  const given = secret ?? null;
  const problem = secretProblem(given);
  if (problem) {
    throw appError('BAD_USER_INPUT', `Cannot rotate the secret: secret ${problem}.`, { fields: { secret: problem } });
  }
  return given;
}
