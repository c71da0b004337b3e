export * from './egress-rules';
export * from './egress-client';
