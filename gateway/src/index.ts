export * from './auth/authenticate';
export * from './config';
export * from './server';
