export * from './webhook-answers';
export * from './provider-callback-job';
export * from './bus-events';
export * from './pagination';
export * from './catalog-sync-job';
