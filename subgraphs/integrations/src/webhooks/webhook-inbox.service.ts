import { answerStatusFor, errorBody, type WebhookErrorCode } from '@nexara/contracts';
import {
  appError,
  currentTraceContext,
  inTenantTransaction,
  isStorableText,
  requireService,
  storableText,
  type Identity,
  type Logger,
} from '@nexara/kit';
import { type Provider } from '@nexara/providers/display';
import type { DataSource } from 'typeorm';
import type { IntegrationEvents } from '../events/integration-events';
import type { AuditService } from '../audit/audit.service';
import { adapterFor, PayloadError, providerDefinition, type InboundWebhook, type Rejection } from '@nexara/providers';
import { awaitedResult } from './control-awaits';
import type { ConnectionDirectory, DirectoryConnection } from './connection-directory';
import { inboundHeaders, storedHeaders } from './header-redaction';
import { FORGERY_CODES, type IntegrationsMetrics } from '../metrics';
import { WebhookEventWriter } from './webhook-event-writer';

export const WEBHOOK_VERDICTS = ['ACCEPTED', 'DUPLICATE', 'REJECTED'] as const;
export type WebhookVerdict = (typeof WEBHOOK_VERDICTS)[number];

/** One delivery as the webhook shim passes it on: transport checked, nothing else. */
export type ReceiveWebhookRequest = {
  provider: Provider;
  connectionKey: string;
  method: string;
  /** After `/webhooks/:provider/:connectionKey/`, '' for the base path. */
  subPath: string;
  headers: Record<string, unknown>;
  /** The raw body, base64: signatures are over these exact bytes. */
  bodyBase64: string;
  receivedAt: Date;
};

/** What the shim answers the provider, verbatim. */
export type ReceiveWebhookResult = {
  verdict: WebhookVerdict;
  httpStatus: number;
  responseBody: string;
  eventId: string | null;
  errorCode: string | null;
};

export type WebhookInboxDependencies = {
  dataSource: DataSource;
  directory: ConnectionDirectory;
  audit: Pick<AuditService, 'recordSecurityEvent'>;
  logger: Logger;
  /** A stored or refused delivery changes its connection's health. */
  events: Pick<IntegrationEvents, 'connectionHealthMayHaveChanged'>;
  /** Deliveries by outcome and forged deliveries on `/metrics`. */
  metrics?: Pick<IntegrationsMetrics, 'deliveries' | 'forged'>;
  now?: () => Date;
};

/** The shim already refuses bodies over 1 MiB; this only bounds what a confused caller can make us decode. */
const MAX_BODY_BYTES = 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_SUB_PATH_LENGTH = 2_000;

/**
 * The durable inbox behind `POST /webhooks/:provider/:connectionKey`: finds
 * the connection, has its provider's adapter authenticate the raw bytes and
 * name the idempotency key, and stores the delivery and queues its
 * processing in one transaction. The shim answers only after this returns,
 * so a 2xx always means "committed". Refusals are counted as security
 * events and never stored or processed.
 */
export class WebhookInboxService {
  private readonly now: () => Date;
  private readonly writer: WebhookEventWriter;

  constructor(private readonly deps: WebhookInboxDependencies) {
    this.now = deps.now ?? (() => new Date());
    this.writer = new WebhookEventWriter({ dataSource: deps.dataSource, logger: deps.logger });
  }

  async receiveWebhook(actor: Identity, request: ReceiveWebhookRequest): Promise<ReceiveWebhookResult> {
    const result = await this.receive(actor, request);
    const provider = request.provider;
    this.deps.metrics?.deliveries.inc({ provider, outcome: result.verdict.toLowerCase() });
    if (result.errorCode && FORGERY_CODES.has(result.errorCode)) {
      this.deps.metrics?.forged.inc({ provider, reason: result.errorCode });
    }
    return result;
  }

  private async receive(actor: Identity, request: ReceiveWebhookRequest): Promise<ReceiveWebhookResult> {
    requireService(actor);
    const { provider } = request;
    const rawBody = decodeBody(request.bodyBase64);
    if (request.subPath.length > MAX_SUB_PATH_LENGTH) {
      // No provider calls such a path. A refusal, not an error: the shim would answer an error with 503, and the provider retry forever.
      return refusal(
        provider,
        404,
        'UNKNOWN_ROUTE',
        `No provider calls a path longer than ${MAX_SUB_PATH_LENGTH} characters.`,
      );
    }

    let connection = await this.deps.directory.findByKey(request.connectionKey);
    if (connection?.status === 'PAUSED' || connection?.archived) {
      // Refusing costs the provider a retry, so a cached "paused" (or "archived") is checked against the
      // database first: a resume whose notification has not arrived yet must not turn deliveries away.
      this.deps.directory.invalidate(request.connectionKey);
      connection = await this.deps.directory.findByKey(request.connectionKey);
    }
    // A key of another provider is as unknown here as a key of nothing: say nothing about which exists.
    if (!connection || connection.provider !== provider) {
      return refusal(provider, 404, 'UNKNOWN_CONNECTION', 'No connection with that key for this provider.');
    }

    const method = request.method.toUpperCase();
    const inbound: InboundWebhook = {
      provider,
      method: method === 'PUT' ? 'PUT' : 'POST',
      subPath: request.subPath.replace(/^\/+|\/+$/g, ''),
      headers: inboundHeaders(request.headers),
      rawBody,
      receivedAt: request.receivedAt,
    };
    if (connection.archived) {
      // Answered as a paused connection is: the provider may retry, and a later unarchive receives them.
      return this.refuse(connection, inbound, {
        status: 409,
        code: 'CONNECTION_ARCHIVED',
        message: 'This connection is archived; unarchive it in Nexara to receive webhooks again.',
      });
    }
    if (connection.status === 'PAUSED') {
      return this.refuse(connection, inbound, {
        status: 409,
        code: 'CONNECTION_PAUSED',
        message: 'This connection is paused; resume it in Nexara to receive webhooks again.',
      });
    }

    const adapter = adapterFor(provider);
    // A control result (a menu upload's outcome) rides the same routes and authentication as orders.
    const results = providerDefinition(provider).control?.results;
    const storable = isStorableText(inbound.subPath);
    const result = storable && results?.matches(inbound) ? results : null;
    const routeProblem: Rejection | null =
      method !== 'POST' && method !== 'PUT'
        ? { status: 404, code: 'UNKNOWN_ROUTE', message: `${provider} does not call ${method.slice(0, 10)}.` }
        : // A path with a NUL (%00) in it is no provider's route, and could not be stored.
          !storable
          ? { status: 404, code: 'UNKNOWN_ROUTE', message: `${provider} does not call a path holding a NUL character.` }
          : result
            ? null
            : adapter.matchRoute(method, inbound.subPath);
    const problem = routeProblem ?? adapter.authenticate(inbound, connection, this.now());
    if (problem) return this.refuse(connection, inbound, problem);
    const key = (result ?? adapter).idempotencyKey(inbound);
    if (typeof key !== 'string') return this.refuse(connection, inbound, key);
    if (result) {
      const unawaited = await this.unawaitedResult(connection, inbound, result.read.bind(result));
      if (unawaited) return this.refuse(connection, inbound, unawaited);
    }

    const stored = await this.writer.store({
      tenantId: connection.tenantId,
      connectionId: connection.id,
      provider,
      idempotencyKey: key,
      method: inbound.method,
      subPath: inbound.subPath,
      headers: storedHeaders(request.headers),
      body: rawBody,
      receivedAt: request.receivedAt,
      trace: currentTraceContext(),
    });

    if (!stored.duplicate) this.deps.events.connectionHealthMayHaveChanged(connection.tenantId, connection.id);
    const answer = adapter.answer(inbound, connection, { eventId: stored.id, duplicate: stored.duplicate });
    return {
      verdict: stored.duplicate ? 'DUPLICATE' : 'ACCEPTED',
      httpStatus: answerStatusFor(provider, answer.status),
      responseBody: JSON.stringify(answer.body),
      eventId: stored.id,
      errorCode: null,
    };
  }

  /**
   * A result must name a change the provider accepted from this connection
   * and that still awaits it (docs/control-plane.md, "Asynchronous results"):
   * otherwise it is refused and nothing is stored or changed.
   */
  private async unawaitedResult(
    connection: DirectoryConnection,
    inbound: InboundWebhook,
    read: (request: InboundWebhook) => { reference: string },
  ): Promise<{ status: number; code: WebhookErrorCode; message: string } | null> {
    let reference: string;
    try {
      reference = read(inbound).reference;
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      return { status: 400, code: 'MALFORMED_RESULT', message: error.reason };
    }
    const awaited = await inTenantTransaction(this.deps.dataSource, { tenantId: connection.tenantId }, (manager) =>
      awaitedResult(manager, { tenantId: connection.tenantId, connectionId: connection.id, reference }),
    );
    if (awaited) return null;
    return {
      status: 404,
      code: 'UNKNOWN_REFERENCE',
      message: `No change sent to this connection awaits a result for "${reference.slice(0, 200)}".`,
    };
  }

  /** Counts the refusal for the connection (rate-limited in the audit log) and answers it; never stores the delivery. */
  private async refuse(
    connection: DirectoryConnection,
    inbound: InboundWebhook,
    rejection: { status: number; code: WebhookErrorCode; message: string },
  ): Promise<ReceiveWebhookResult> {
    try {
      await this.deps.audit.recordSecurityEvent({
        tenantId: connection.tenantId,
        connectionId: connection.id,
        code: rejection.code,
        detail: {
          provider: connection.provider,
          status: rejection.status,
          // Both may quote the request's path, which may hold what jsonb refuses.
          message: storableText(rejection.message),
          method: inbound.method,
          subPath: storableText(inbound.subPath.slice(0, 200)),
          bytes: inbound.rawBody.length,
        },
      });
    } catch (error) {
      // The refusal stands whether or not it could be counted.
      this.deps.logger.warn(
        { err: error, connectionId: connection.id, code: rejection.code },
        'could not record a rejected webhook',
      );
    }
    this.deps.events.connectionHealthMayHaveChanged(connection.tenantId, connection.id);
    return refusal(connection.provider, rejection.status, rejection.code, rejection.message);
  }
}

function refusal(provider: Provider, status: number, code: WebhookErrorCode, message: string): ReceiveWebhookResult {
  return {
    verdict: 'REJECTED',
    httpStatus: answerStatusFor(provider, status),
    responseBody: errorBody(code, message),
    eventId: null,
    errorCode: code,
  };
}

function decodeBody(bodyBase64: string): Buffer {
  const tooLong = bodyBase64.length > Math.ceil(MAX_BODY_BYTES / 3) * 4;
  if (tooLong || bodyBase64.length % 4 !== 0 || !BASE64.test(bodyBase64)) {
    throw appError('BAD_USER_INPUT', 'bodyBase64 must be the base64 of a body of at most 1 MiB.');
  }
  return Buffer.from(bodyBase64, 'base64');
}
