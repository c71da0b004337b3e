export * from './identities';
export * from './test-database';
