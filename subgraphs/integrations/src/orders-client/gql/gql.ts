/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation ApplyProviderOrderEvent($input: ProviderOrderEventInput!) {\n  applyProviderOrderEvent(input: $input) {\n    outcome\n    order {\n      id\n      externalId\n      placedAt\n      status\n    }\n  }\n}\n\nmutation ApplyProviderOrderEvents($inputs: [ProviderOrderEventInput!]!) {\n  applyProviderOrderEvents(inputs: $inputs) {\n    outcome\n    order {\n      id\n      externalId\n      placedAt\n      status\n    }\n    error {\n      code\n      message\n    }\n  }\n}\n\nmutation AutoAcceptOrder($id: ID!) {\n  autoAcceptOrder(id: $id) {\n    id\n    status\n  }\n}\n\nmutation RecordProviderCallback($input: RecordProviderCallbackInput!) {\n  recordProviderCallback(input: $input) {\n    id\n  }\n}\n\nmutation RecordProviderCallbacks($inputs: [RecordProviderCallbackInput!]!) {\n  recordProviderCallbacks(inputs: $inputs) {\n    order {\n      id\n    }\n    error {\n      code\n      message\n    }\n  }\n}\n\nquery OrdersAtRisk {\n  orders(first: 200, filter: {acceptanceAtRisk: true, test: false}) {\n    edges {\n      node {\n        id\n        displayCode\n        acceptBy\n        connection {\n          id\n        }\n      }\n    }\n  }\n}": typeof types.ApplyProviderOrderEventDocument,
};
const documents: Documents = {
    "mutation ApplyProviderOrderEvent($input: ProviderOrderEventInput!) {\n  applyProviderOrderEvent(input: $input) {\n    outcome\n    order {\n      id\n      externalId\n      placedAt\n      status\n    }\n  }\n}\n\nmutation ApplyProviderOrderEvents($inputs: [ProviderOrderEventInput!]!) {\n  applyProviderOrderEvents(inputs: $inputs) {\n    outcome\n    order {\n      id\n      externalId\n      placedAt\n      status\n    }\n    error {\n      code\n      message\n    }\n  }\n}\n\nmutation AutoAcceptOrder($id: ID!) {\n  autoAcceptOrder(id: $id) {\n    id\n    status\n  }\n}\n\nmutation RecordProviderCallback($input: RecordProviderCallbackInput!) {\n  recordProviderCallback(input: $input) {\n    id\n  }\n}\n\nmutation RecordProviderCallbacks($inputs: [RecordProviderCallbackInput!]!) {\n  recordProviderCallbacks(inputs: $inputs) {\n    order {\n      id\n    }\n    error {\n      code\n      message\n    }\n  }\n}\n\nquery OrdersAtRisk {\n  orders(first: 200, filter: {acceptanceAtRisk: true, test: false}) {\n    edges {\n      node {\n        id\n        displayCode\n        acceptBy\n        connection {\n          id\n        }\n      }\n    }\n  }\n}": types.ApplyProviderOrderEventDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApplyProviderOrderEvent($input: ProviderOrderEventInput!) {\n  applyProviderOrderEvent(input: $input) {\n    outcome\n    order {\n      id\n      externalId\n      placedAt\n      status\n    }\n  }\n}\n\nmutation ApplyProviderOrderEvents($inputs: [ProviderOrderEventInput!]!) {\n  applyProviderOrderEvents(inputs: $inputs) {\n    outcome\n    order {\n      id\n      externalId\n      placedAt\n      status\n    }\n    error {\n      code\n      message\n    }\n  }\n}\n\nmutation AutoAcceptOrder($id: ID!) {\n  autoAcceptOrder(id: $id) {\n    id\n    status\n  }\n}\n\nmutation RecordProviderCallback($input: RecordProviderCallbackInput!) {\n  recordProviderCallback(input: $input) {\n    id\n  }\n}\n\nmutation RecordProviderCallbacks($inputs: [RecordProviderCallbackInput!]!) {\n  recordProviderCallbacks(inputs: $inputs) {\n    order {\n      id\n    }\n    error {\n      code\n      message\n    }\n  }\n}\n\nquery OrdersAtRisk {\n  orders(first: 200, filter: {acceptanceAtRisk: true, test: false}) {\n    edges {\n      node {\n        id\n        displayCode\n        acceptBy\n        connection {\n          id\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').ApplyProviderOrderEventDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
