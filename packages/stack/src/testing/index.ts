export * from './identities';
export * from './test-database';
export * from './eventually';
export * from './throwaway-postgres';
export * from './bulk-orders';
