import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, parse, print, visit, type DocumentNode } from 'graphql';
import type { GatewayContext } from './subgraph-data-source';

/**
 * The dashboard's own operations (`web/persisted-documents.json`: sha256 of
 * the document text -> text, written at build time from the web app's
 * codegen output). In production, `/graphql` runs only these for browsers.
 */
export type TrustedDocuments = {
  /** The text of a trusted document, by the hash a client sends in `extensions.persistedQuery`. */
  documentFor: (sha256Hash: string) => string | undefined;
  /** Whether a parsed document is one of them, up to formatting and the `__typename` fields clients add. */
  includes: (document: DocumentNode) => boolean;
  size: number;
};

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * One canonical text per document: printed by graphql-js (so whitespace and
 * commas do not matter) without the `__typename` selections Apollo Client's
 * cache adds before sending.
 */
export function canonicalDocument(document: DocumentNode): string {
  const withoutTypename = visit(document, {
    [Kind.FIELD]: (node) => (node.name.value === '__typename' && !node.alias ? null : undefined),
  });
  return print(withoutTypename);
}

export function trustedDocuments(manifest: Readonly<Record<string, string>>): TrustedDocuments {
  const byHash = new Map(Object.entries(manifest));
  const canonical = new Set([...byHash.values()].map((text) => sha256Hex(canonicalDocument(parse(text)))));
  return {
    documentFor: (hash) => byHash.get(hash),
    includes: (document) => canonical.has(sha256Hex(canonicalDocument(document))),
    size: byHash.size,
  };
}

/** Reads the manifest; an empty set when the file is absent (only production requires it: see `createGatewayServer`). */
export function loadTrustedDocuments(file: string): TrustedDocuments | null {
  if (!fs.existsSync(file)) return null;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new Error(`${file} must be a JSON object of sha256 hash -> GraphQL document`);
  }
  for (const [hash, text] of Object.entries(manifest)) {
    if (typeof text !== 'string' || sha256Hex(text) !== hash)
      throw new Error(`${file}: entry ${hash} does not hash to its key`);
  }
  return trustedDocuments(manifest as Record<string, string>);
}

export function persistedQueryNotAllowed(): GraphQLError {
  return new GraphQLError(
    'Browsers may only run the dashboard’s own operations here (persisted documents). ' +
      'Integrations should send a token and no Origin header, or use the partner API.',
    { extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } } },
  );
}

/**
 * A request may name a trusted document by hash alone (Apollo's
 * `persistedQuery` extension): its text is filled in from the manifest.
 * When the request context says so (`trustedDocumentsOnly`), any other
 * document is refused before it is planned.
 */
export function trustedDocumentsPlugin(documents: TrustedDocuments): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const hash = (request.extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (request.query === undefined && typeof hash === 'string') request.query = documents.documentFor(hash);
      return {
        async didResolveOperation({ document, contextValue }) {
          if (contextValue.trustedDocumentsOnly && !documents.includes(document)) throw persistedQueryNotAllowed();
        },
      };
    },
  };
}
