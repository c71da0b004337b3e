export * from './identities';
export * from './test-database';
export * from './eventually';
export * from './bulk-orders';
export * from './subgraph-call';
