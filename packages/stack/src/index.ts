export * from './database/database-server';
export * from './database/local-secrets';
export * from './database/migrate-all';
export * from './database/provision';
export * from './paths';
