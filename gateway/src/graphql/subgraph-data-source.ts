import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CONTEXT_TOKEN_HEADER, keptAlivePoster, SOURCE_ADDRESS_HEADER } from '@nexara/kit';
import { GraphQLError } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import type { EntityCache } from './entity-cache';
import { dedupeRepresentations, expandEntities, type SubgraphResponse } from './entity-dedupe';

/** Whose entities a request may read from the entity cache: its tenant, and a partition (the caller's kind and role). */
export type EntityCacheScope = { tenantId: string; partition: string };

export type GatewayContext = {
  /** Signed once per request from the caller's identity; subgraphs reject requests without it. */
  contextToken: string;
  requestId: string;
  /** When the client's request times out (epoch ms); every subgraph fetch of the request is aborted then. */
  deadline?: number;
  /** Production `/graphql` for browsers and anonymous callers: only the dashboard's persisted documents run. */
  trustedDocumentsOnly?: boolean;
  /** The client's address (the socket's peer, or the proxy's forwarded one with TRUST_PROXY), for sign-in throttling. */
  sourceAddress?: string;
  /** The signed-in user's session, when its token names one (see `forgetSessionOnLogout`). */
  sessionId?: string;
  /** Set for signed-in dashboard users: their `_entities` fetches of names may be answered from the entity cache. */
  entityCacheScope?: EntityCacheScope;
};

/** Tells the subgraph (and our own fetcher) when the client stops waiting, as epoch milliseconds. */
export const DEADLINE_HEADER = 'x-nexara-deadline';

/** The only headers a subgraph request carries besides fetch's own (content type, length, host...). */
export const FORWARDED_HEADERS = [
  CONTEXT_TOKEN_HEADER,
  'x-request-id',
  DEADLINE_HEADER,
  SOURCE_ADDRESS_HEADER,
] as const;

/**
 * Sends subgraph requests with exactly the headers in `FORWARDED_HEADERS`.
 * Nothing the client sent is forwarded, so a client can never impersonate
 * the gateway or smuggle headers to a subgraph. Each fetch is abandoned at
 * the request's deadline (or after `timeoutMs` without one) and reported
 * as GATEWAY_TIMEOUT. Requests go over kept-alive node:http (see
 * keptAlivePoster), not Apollo's default fetcher.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly timeoutMs: number;
  private readonly subgraph: string;
  private readonly entityCache: EntityCache | undefined;

  constructor(options: { url: string; timeoutMs: number; subgraph?: string; entityCache?: EntityCache }) {
    super({ url: options.url });
    this.timeoutMs = options.timeoutMs;
    this.subgraph = options.subgraph ?? options.url;
    this.entityCache = options.entityCache;
    const post = keptAlivePoster();
    this.fetcher = async (url, init) => {
      const deadline = Number(init?.headers?.[DEADLINE_HEADER]);
      const remaining = Number.isFinite(deadline)
        ? Math.min(deadline - Date.now(), options.timeoutMs)
        : options.timeoutMs;
      const answer = await post(url, {
        headers: init?.headers ?? {},
        body: String(init?.body ?? ''),
        timeoutMs: Math.max(1, remaining),
      });
      return new Response(answer.body, {
        status: answer.status,
        statusText: answer.statusText,
        headers: headerPairs(answer.headers),
      });
    };
  }

  /**
   * Names already known come from the entity cache (see entity-cache.ts); a
   * mutation drops the caller's tenant's entries of this subgraph before and
   * after it runs, so the next read sees what it changed.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const cache = this.entityCache;
    const scope = 'entityCacheScope' in options.context ? options.context.entityCacheScope : undefined;
    if (!cache || !scope) return this.deduped(options);
    const query = options.request.query ?? '';
    if (MUTATION.test(query)) {
      cache.drop(this.subgraph, scope.tenantId);
      try {
        return await this.deduped(options);
      } finally {
        cache.drop(this.subgraph, scope.tenantId);
      }
    }
    const representations = options.request.variables?.['representations'];
    if (!Array.isArray(representations) || !cache.cacheable(this.subgraph, query)) return this.deduped(options);
    const { found, generation } = cache.lookup(this.subgraph, scope.tenantId, scope.partition, query, representations);
    if (found.every((entity) => entity !== undefined)) return { data: { _entities: found } };
    // Any miss fetches them all: errors keep the positions the gateway expects, and misses are rare after the first read.
    const response = await this.deduped(options);
    const entities = response.data?.['_entities'];
    if (!response.errors?.length && Array.isArray(entities)) {
      cache.store(this.subgraph, scope.tenantId, scope.partition, query, generation, representations, entities);
    }
    return response;
  }

  /** Each distinct entity representation is sent once (see entity-dedupe.ts). */
  private async deduped(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const representations = options.request.variables?.['representations'];
    if (!Array.isArray(representations)) return super.process(options);
    const { unique, positions } = dedupeRepresentations(representations);
    if (unique.length === representations.length) return super.process(options);
    options.request.variables = { ...options.request.variables, representations: unique };
    return expandEntities(await super.process(options), positions);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('contextToken' in context)) return; // health checks and schema loading carry no request context
    request.http?.headers.set(CONTEXT_TOKEN_HEADER, context.contextToken);
    request.http?.headers.set('x-request-id', context.requestId);
    request.http?.headers.set(DEADLINE_HEADER, String(context.deadline ?? Date.now() + this.timeoutMs));
    if (context.sourceAddress) request.http?.headers.set(SOURCE_ADDRESS_HEADER, context.sourceAddress);
  }

  override didEncounterError(
    ...[error, ...rest]: Parameters<RemoteGraphQLDataSource<GatewayContext>['didEncounterError']>
  ): void {
    if (error.name === 'AbortError' || error.name === 'TimeoutError') {
      throw new GraphQLError(`A service did not answer within ${this.timeoutMs} ms; try again.`, {
        extensions: { code: 'GATEWAY_TIMEOUT' },
      });
    }
    super.didEncounterError(error, ...rest);
  }
}

/** The operations Apollo Gateway writes for a subgraph start with their type. */
const MUTATION = /^\s*mutation\b/;

function headerPairs(headers: IncomingHttpHeaders): [string, string][] {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value]],
  );
}
