import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

/** The Federation 2 directives our subgraphs may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@tag", "@inaccessible", "@interfaceObject"])';

export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

/**
 * Subscriptions are declared in subgraphs (so they are in the composed schema)
 * but served by the gateway over graphql-ws from the event bus; type-graphql
 * insists on a PubSub for any @Subscription, so it gets one that says so.
 */
const GATEWAY_SERVED = {
  publish: (): void => undefined,
  subscribe: (): AsyncIterable<unknown> => {
    throw new Error('Subscriptions are served by the gateway over graphql-ws on /graphql.');
  },
};

/**
 * type-graphql (code first) -> a Federation 2 subgraph schema, in one place:
 * build the type-graphql schema, print it with its directives, prepend the
 * federation link, and hand it with the resolvers to `buildSubgraphSchema`.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const codeFirst = await buildSchema({
    validate: { forbidUnknownValues: false },
    pubSub: GATEWAY_SERVED,
    ...options,
    skipCheck: true,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(codeFirst)}`;
  const resolvers = createResolversMap(codeFirst) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolver] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...resolver } as GraphQLResolverMap<unknown>[string];
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}

/** Puts a schema element into the partner API (the public contract; see packages/stack/src/compose/public-contract.ts). */
export const PUBLIC_TAG = '@tag(name: "public")';
