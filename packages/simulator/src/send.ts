import { performance } from 'node:perf_hooks';
import type { SimulatedConnection, SimulatedProvider } from './connections';
import { createRandom, type Random } from './random';
import type { ExpectedTotals, Fulfilment } from './payloads/basket';
import { buildCareemOrder, careemEvent, type CareemOrderDetails, type CareemOrderStatus } from './payloads/careem';
import {
  buildDeliverooOrder,
  deliverooEvent,
  deliverooOrderWithStatus,
  type DeliverooOrder,
  type DeliverooOrderStatus,
} from './payloads/deliveroo';
import { buildJahezOrder, buildJahezOrderUpdate, type JahezOrder, type JahezOrderStatus } from './payloads/jahez';
import {
  buildTalabatOrder,
  buildTalabatStatusUpdate,
  type TalabatOrder,
  type TalabatPosOrderStatus,
} from './payloads/talabat';
import { careemHeaders, deliverooHeaders, jahezHeaders, talabatHeaders, type SigningFault } from './signing';

export type WebhookKind = 'new_order' | 'status_update' | 'cancellation';

type ProviderOrderMap = {
  CAREEM: CareemOrderDetails;
  TALABAT: TalabatOrder;
  DELIVEROO: DeliverooOrder;
  JAHEZ: JahezOrder;
};

/** A provider's order as the provider holds it; follow-up webhooks are built from it. */
export type ProviderOrder = {
  [P in SimulatedProvider]: { provider: P; order: ProviderOrderMap[P] };
}[SimulatedProvider];

/** Statuses a provider can report, in the order an order goes through them (cancellation last). */
export const PROVIDER_STATUSES = {
  CAREEM: ['pending', 'accepted', 'ready', 'driver_coming', 'driver_here', 'trip_started', 'trip_ended', 'cancelled'],
  DELIVEROO: ['placed', 'accepted', 'rejected', 'confirmed', 'canceled'],
  TALABAT: ['ORDER_PICKED_UP', 'ORDER_CANCELLED'],
  JAHEZ: ['N', 'A', 'R', 'O', 'D', 'C', 'T'],
} as const satisfies Record<SimulatedProvider, readonly string[]>;

/** Forward progress a provider reports after a new order (what `status_update` deliveries carry), in order. */
export const STATUS_PROGRESSIONS: Readonly<Record<SimulatedProvider, readonly string[]>> = {
  CAREEM: ['accepted', 'ready', 'driver_coming', 'driver_here', 'trip_started', 'trip_ended'],
  DELIVEROO: ['accepted', 'confirmed'],
  TALABAT: ['ORDER_PICKED_UP'],
  JAHEZ: ['A', 'O', 'D'],
};

export const CANCELLATION_STATUS: Readonly<Record<SimulatedProvider, string>> = {
  CAREEM: 'cancelled',
  DELIVEROO: 'canceled',
  TALABAT: 'ORDER_CANCELLED',
  JAHEZ: 'C',
};

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
  /** Talabat follow-ups: the id the platform answered in `remoteResponse.remoteOrderId`. */
  remoteOrderId?: string;
  /** Provider status a `status_update` carries (a value of PROVIDER_STATUSES); first step of STATUS_PROGRESSIONS by default. */
  status?: string;
  /** Cancellation or rejection reason where the provider sends one (Talabat message, Jahez reason). */
  reason?: string;
  /** Deliberately wrong authentication, for negative tests. */
  fault?: SigningFault;
  /** Deliveroo: sign `guid + " \n " + body` like the legacy POS webhooks. */
  legacySignature?: boolean;
  /** Talabat: token lifetime (default 300 s). */
  tokenLifetimeSeconds?: number;
};

export type BuiltWebhook = {
  provider: SimulatedProvider;
  kind: WebhookKind;
  method: 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  /** The exact bytes to send (and that were signed). */
  body: string;
  /** The provider's order id (Talabat token, Deliveroo id, Careem id, Jahez jahez_id), as a string. */
  externalId: string;
  /**
   * What makes this "the same delivery" per docs/providers/: Deliveroo sequence guid,
   * Careem event_id, Talabat token (new orders), Jahez X-Request-Id. Talabat status
   * calls carry no key on the wire; the simulator reports `<remoteOrderId>:<status>`.
   * Null when a fault removed it.
   */
  idempotencyKey: string | null;
  /** The provider's order after this delivery (pass it to the next follow-up). */
  order: ProviderOrder;
  /** New orders: what the platform should compute, in minor units. */
  totals: ExpectedTotals | null;
  /** Provider status a follow-up carries; null for new orders. */
  providerStatus: string | null;
};

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

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

function orderOf<P extends SimulatedProvider>(
  provider: P,
  options: BuildWebhookOptions,
): ProviderOrderMap[P] | undefined {
  if (!options.order) return undefined;
  if (options.order.provider !== provider) {
    throw new Error(`A ${provider} webhook cannot follow up a ${options.order.provider} order.`);
  }
  return options.order.order as ProviderOrderMap[P];
}

/**
 * Builds one signed provider webhook for a connection: method, URL (with the
 * provider's sub-path), headers, exact body, and what identifies it.
 */
export async function buildWebhook(
  connection: SimulatedConnection,
  kind: WebhookKind,
  options: BuildWebhookOptions = {},
): Promise<BuiltWebhook> {
  const random = options.random ?? createRandom(options.seed);
  const now = options.now ?? new Date();
  const base = trimSlashes(connection.webhookUrl);
  const status = statusFor(connection.provider, kind, options.status);
  const orderInput = { externalStoreId: connection.externalStoreId, currency: connection.currency, random, now };

  switch (connection.provider) {
    case 'DELIVEROO': {
      let order: DeliverooOrder;
      let totals: ExpectedTotals | null = null;
      if (kind === 'new_order') {
        const built = buildDeliverooOrder({ ...orderInput, fulfilment: options.fulfilment });
        order = built.order;
        totals = built.totals;
      } else {
        const previous =
          orderOf('DELIVEROO', options) ?? withId(buildDeliverooOrder(orderInput).order, options.externalId);
        order = deliverooOrderWithStatus(previous, status as DeliverooOrderStatus, now);
      }
      const body = JSON.stringify(deliverooEvent(kind === 'new_order' ? 'order.new' : 'order.status_update', order));
      const sequenceGuid = random.uuid();
      return {
        provider: 'DELIVEROO',
        kind,
        method: 'POST',
        url: base,
        headers: {
          ...JSON_HEADERS,
          ...deliverooHeaders({
            secret: connection.secret,
            body,
            sequenceGuid,
            legacy: options.legacySignature,
            fault: options.fault,
          }),
        },
        body,
        externalId: order.id,
        idempotencyKey: options.fault === 'missing_idempotency' ? null : sequenceGuid,
        order: { provider: 'DELIVEROO', order },
        totals,
        providerStatus: kind === 'new_order' ? null : status,
      };
    }
    case 'CAREEM': {
      let details: CareemOrderDetails;
      let totals: ExpectedTotals | null = null;
      if (kind === 'new_order') {
        const built = buildCareemOrder({ ...orderInput, fulfilment: options.fulfilment });
        details = built.order;
        totals = built.totals;
      } else {
        const previous = orderOf('CAREEM', options) ?? buildCareemOrder(orderInput).order;
        const id = options.order
          ? previous.id
          : options.externalId !== undefined
            ? Number(options.externalId)
            : previous.id;
        details = { ...previous, id, status: status as CareemOrderStatus };
      }
      const event = careemEvent(kind === 'new_order' ? 'ORDER_CREATED' : 'ORDER_STATUS_UPDATED', details, random);
      const body = JSON.stringify(event);
      return {
        provider: 'CAREEM',
        kind,
        method: 'POST',
        url: base,
        headers: { ...JSON_HEADERS, ...careemHeaders({ secret: connection.secret, body, now, fault: options.fault }) },
        body,
        externalId: String(details.id),
        idempotencyKey: event.event_id,
        order: { provider: 'CAREEM', order: details },
        totals,
        providerStatus: kind === 'new_order' ? null : status,
      };
    }
    case 'TALABAT': {
      const auth = await talabatHeaders({
        secret: connection.secret,
        now,
        fault: options.fault,
        expiresInSeconds: options.tokenLifetimeSeconds,
      });
      const remoteId = encodeURIComponent(connection.externalStoreId);
      if (kind === 'new_order') {
        const built = buildTalabatOrder({ ...orderInput, fulfilment: options.fulfilment });
        return {
          provider: 'TALABAT',
          kind,
          method: 'POST',
          url: `${base}/order/${remoteId}`,
          headers: { ...JSON_HEADERS, ...auth },
          body: JSON.stringify(built.order),
          externalId: built.order.token,
          idempotencyKey: built.order.token,
          order: { provider: 'TALABAT', order: built.order },
          totals: built.totals,
          providerStatus: null,
        };
      }
      if (!options.remoteOrderId) {
        throw new Error(
          'A Talabat status call needs remoteOrderId: the id the platform answered in remoteResponse.remoteOrderId.',
        );
      }
      const order = orderOf('TALABAT', options) ?? withToken(buildTalabatOrder(orderInput).order, options.externalId);
      const update = buildTalabatStatusUpdate(status as TalabatPosOrderStatus, options.reason);
      return {
        provider: 'TALABAT',
        kind,
        method: 'PUT',
        url: `${base}/remoteId/${remoteId}/remoteOrder/${encodeURIComponent(options.remoteOrderId)}/posOrderStatus`,
        headers: { ...JSON_HEADERS, ...auth },
        body: JSON.stringify(update),
        externalId: order.token,
        idempotencyKey: `${options.remoteOrderId}:${status}`,
        order: { provider: 'TALABAT', order },
        totals: null,
        providerStatus: status,
      };
    }
    case 'JAHEZ': {
      const requestId = random.uuid();
      const headers = {
        ...JSON_HEADERS,
        ...jahezHeaders({ secret: connection.secret, requestId, fault: options.fault }),
      };
      const idempotencyKey = options.fault === 'missing_idempotency' ? null : requestId;
      if (kind === 'new_order') {
        const built = buildJahezOrder({ ...orderInput, fulfilment: options.fulfilment });
        return {
          provider: 'JAHEZ',
          kind,
          method: 'POST',
          url: base,
          headers,
          body: JSON.stringify(built.order),
          externalId: String(built.order.jahez_id),
          idempotencyKey,
          order: { provider: 'JAHEZ', order: built.order },
          totals: built.totals,
          providerStatus: null,
        };
      }
      const order = orderOf('JAHEZ', options) ?? withJahezId(buildJahezOrder(orderInput).order, options.externalId);
      const reason = options.reason ?? (status === 'C' ? 'Customer cancelled the order' : undefined);
      return {
        provider: 'JAHEZ',
        kind,
        method: 'POST',
        url: `${base}/order-update`,
        headers,
        body: JSON.stringify(buildJahezOrderUpdate(order.jahez_id, status as JahezOrderStatus, reason)),
        externalId: String(order.jahez_id),
        idempotencyKey,
        order: { provider: 'JAHEZ', order },
        totals: null,
        providerStatus: status,
      };
    }
  }
}

function withId(order: DeliverooOrder, externalId: string | undefined): DeliverooOrder {
  return externalId === undefined ? order : { ...order, id: externalId };
}

function withToken(order: TalabatOrder, externalId: string | undefined): TalabatOrder {
  return externalId === undefined ? order : { ...order, token: externalId };
}

function withJahezId(order: JahezOrder, externalId: string | undefined): JahezOrder {
  if (externalId === undefined) return order;
  const id = Number(externalId);
  if (!Number.isSafeInteger(id)) throw new Error(`A Jahez order id is an integer, got "${externalId}".`);
  return { ...order, jahez_id: id };
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

/** The id Talabat's middleware must remember from our answer to a new order, or null when the answer lacks it. */
export function talabatRemoteOrderId(answerBody: string): string | null {
  const parsed = parseJson(answerBody);
  if (!isRecord(parsed) || !isRecord(parsed['remoteResponse'])) return null;
  const id = parsed['remoteResponse']['remoteOrderId'];
  return typeof id === 'string' && id.length > 0 ? id : null;
}

const TALABAT_ALLOWED_STATUSES = [200, 201, 202, 400, 401, 429, 500, 502];

/**
 * Checks an answer against what the provider's contract expects of it (docs/providers/README.md
 * and each provider's page); returns what is wrong, or null. Non-2xx answers are judged only
 * where a provider restricts the codes (Talabat).
 */
export function checkAnswer(built: BuiltWebhook, result: SendResult): string | null {
  if (result.status === 0) return null;
  if (built.provider === 'TALABAT' && !TALABAT_ALLOWED_STATUSES.includes(result.status)) {
    return `Talabat's middleware only understands ${TALABAT_ALLOWED_STATUSES.join(', ')}; got ${result.status}.`;
  }
  if (result.status < 200 || result.status > 299) return null;
  switch (built.provider) {
    case 'DELIVEROO':
      return result.status === 200 ? null : `Deliveroo expects 200, got ${result.status}.`;
    case 'TALABAT':
      if (built.kind === 'new_order' && talabatRemoteOrderId(result.body) === null) {
        return 'Talabat expects {"remoteResponse": {"remoteOrderId": "<id>"}} in answer to a new order.';
      }
      return null;
    case 'CAREEM':
    case 'JAHEZ': {
      const duplicate = answeredDuplicate(result.body);
      if (result.status === 202 && duplicate !== true) return null;
      if (result.status === 200 && duplicate === true) return null;
      return `${built.provider} expects 202 {"duplicate": false} or 200 {"duplicate": true}; got ${result.status} ${result.body.slice(0, 120)}.`;
    }
  }
}

/** The receipt's `duplicate` flag, when the answer is a receipt. */
export function answeredDuplicate(answerBody: string): boolean | null {
  const parsed = parseJson(answerBody);
  return isRecord(parsed) && typeof parsed['duplicate'] === 'boolean' ? parsed['duplicate'] : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
