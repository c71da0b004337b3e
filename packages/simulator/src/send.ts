import { performance } from 'node:perf_hooks';
import { PROVIDERS, providerDefinition, type SimulatedWebhook, type WebhookKind } from '@nexara/providers';
import { createRandom, type Fulfilment, type Random } from '@nexara/providers/testing';
import type { SimulatedConnection, SimulatedProvider } from './connections';
import type { SigningFault } from './signing';

export type { WebhookKind };

/**
 * A provider's order as the provider holds it; follow-up webhooks are built
 * from it. Its shape is the provider's own (its folder's `simulator.ts`).
 */
export type ProviderOrder = { provider: SimulatedProvider; order: unknown };

function perProvider<T>(part: (provider: SimulatedProvider) => T): Readonly<Record<SimulatedProvider, T>> {
  return Object.fromEntries(PROVIDERS.map((provider) => [provider, part(provider)])) as Record<SimulatedProvider, T>;
}

const simulatorOf = (provider: SimulatedProvider) => providerDefinition(provider).simulator;

/** Statuses a provider can report, in the order an order goes through them (cancellation last). */
export const PROVIDER_STATUSES = perProvider((provider) => simulatorOf(provider).statuses);

/** Forward progress a provider reports after a new order (what `status_update` deliveries carry), in order. */
export const STATUS_PROGRESSIONS = perProvider((provider) => simulatorOf(provider).progression);

export const CANCELLATION_STATUS = perProvider((provider) => simulatorOf(provider).cancellation);

export type BuildWebhookOptions = {
  /** Source of every random choice (ids, items, guid); seeded from `seed` or the clock when omitted. */
  random?: Random;
  seed?: number;
  /** Clock for timestamps and signatures. */
  now?: Date;
  /** New orders only; random (mostly delivery) when omitted. */
  fulfilment?: Fulfilment;
  /** Follow-ups: the order being updated, as returned in `BuiltWebhook.order` of the previous delivery. */
  order?: ProviderOrder;
  /** Follow-ups without `order`: the provider's order id. */
  externalId?: string;
  /** Follow-ups of a provider that names orders by its answer (`followUpReference`): the id the platform answered. */
  remoteOrderId?: string;
  /** Provider status a `status_update` carries (a value of PROVIDER_STATUSES); first step of STATUS_PROGRESSIONS by default. */
  status?: string;
  /** Cancellation or rejection reason where the provider sends one. */
  reason?: string;
  /** Deliberately wrong authentication, for negative tests. */
  fault?: SigningFault;
  /** A provider with a legacy signature variant signs that way. */
  legacySignature?: boolean;
  /** A provider with tokens: their lifetime (default 300 s). */
  tokenLifetimeSeconds?: number;
};

/** One signed delivery as its provider's part built it (`SimulatedWebhook`), with whose and what kind it is. */
export type BuiltWebhook = Omit<SimulatedWebhook, 'order'> & {
  provider: SimulatedProvider;
  kind: WebhookKind;
  /** The provider's order after this delivery (pass it to the next follow-up). */
  order: ProviderOrder;
  /** Provider status a follow-up carries; null for new orders. */
  providerStatus: string | null;
};

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

function statusFor(provider: SimulatedProvider, kind: WebhookKind, requested: string | undefined): string {
  if (kind === 'new_order') return '';
  const status =
    requested ?? (kind === 'cancellation' ? CANCELLATION_STATUS[provider] : STATUS_PROGRESSIONS[provider][0]);
  const known: readonly string[] = PROVIDER_STATUSES[provider];
  if (status === undefined || !known.includes(status)) {
    throw new Error(`"${String(status)}" is not a ${provider} status; expected one of ${known.join(', ')}.`);
  }
  return status;
}

/**
 * Builds one signed provider webhook for a connection: method, URL (with the
 * provider's sub-path), headers, exact body, and what identifies it. The
 * provider's part (its folder's `simulator.ts`) writes the wire format.
 */
export async function buildWebhook(
  connection: SimulatedConnection,
  kind: WebhookKind,
  options: BuildWebhookOptions = {},
): Promise<BuiltWebhook> {
  const { provider } = connection;
  const status = statusFor(provider, kind, options.status);
  if (options.order && options.order.provider !== provider) {
    throw new Error(`A ${provider} webhook cannot follow up a ${options.order.provider} order.`);
  }
  const faults = simulatorOf(provider).signingFaults;
  if (options.fault !== undefined && !faults.includes(options.fault)) {
    throw new Error(
      `Signing fault "${options.fault}" does not apply to ${provider}; it supports ${faults.join(', ')}.`,
    );
  }
  const built = await simulatorOf(provider).buildWebhook({
    connection,
    kind,
    baseUrl: trimSlashes(connection.webhookUrl),
    status,
    random: options.random ?? createRandom(options.seed),
    now: options.now ?? new Date(),
    fulfilment: options.fulfilment,
    previous: options.order?.order,
    externalId: options.externalId,
    remoteOrderId: options.remoteOrderId,
    reason: options.reason,
    fault: options.fault,
    legacySignature: options.legacySignature,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
  });
  return {
    ...built,
    provider,
    kind,
    order: { provider, order: built.order },
    providerStatus: kind === 'new_order' ? null : status,
  };
}

export type SendResult = {
  /** HTTP status; 0 when no answer came (connection refused, timeout). */
  status: number;
  body: string;
  elapsedMs: number;
  /** Why no answer came, when status is 0. */
  error?: string;
};

/** Sends a built webhook as is (the signed bytes, untouched). Never throws for network failures: they come back as status 0. */
export async function sendWebhook(built: BuiltWebhook, options: { timeoutMs?: number } = {}): Promise<SendResult> {
  const started = performance.now();
  try {
    const response = await fetch(built.url, {
      method: built.method,
      headers: built.headers,
      body: built.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const body = await response.text();
    return { status: response.status, body, elapsedMs: performance.now() - started };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return {
      status: 0,
      body: '',
      elapsedMs: performance.now() - started,
      error: `${error instanceof Error ? error.message : String(error)}${cause}`,
    };
  }
}

/**
 * What a provider whose follow-ups name the order by the answer to the new
 * order (`remoteOrderId`) must remember from that answer; null when the
 * answer lacks it or the provider names its own orders.
 */
export function followUpReference(provider: SimulatedProvider, answerBody: string): string | null {
  return simulatorOf(provider).followUpReference?.(answerBody) ?? null;
}

/**
 * Checks an answer against what the provider's contract expects of it (docs/providers/README.md
 * and each provider's page); returns what is wrong, or null. Non-2xx answers are judged only
 * where a provider restricts the codes.
 */
export function checkAnswer(built: BuiltWebhook, result: SendResult): string | null {
  if (result.status === 0) return null;
  return simulatorOf(built.provider).checkAnswer(built.kind, result);
}

export { answeredDuplicate } from '@nexara/providers/testing';
