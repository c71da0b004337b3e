import { startTracing } from '@nexara/kit/tracing';

// Before anything else is loaded (main.ts imports this first): see packages/kit/src/tracing.ts.
startTracing('catalog');
