import type { ProviderDefinition } from '../definition';
import { jahezControl } from './control';
import { bearerTokenOf } from '../common/bearer';
import { jahezIdentity } from './identity';
import { jahezSimulator } from './simulator';
import { jahezAdapter } from './jahez.adapter';

const riyadh = { currency: 'SAR', externalStoreId: 'JZ-RUH-118' };

export const jahezProvider: ProviderDefinition = {
  identity: jahezIdentity,
  adapter: jahezAdapter,
  directory: __dirname,
  docPage: 'jahez.md',
  fixtures: [
    { fixture: 'order-new-sar.json', connection: riyadh, headers: { 'x-request-id': 'req-1' } },
    {
      fixture: 'order-update-cancelled.json',
      connection: riyadh,
      subPath: 'order-update',
      headers: { 'x-request-id': 'req-1' },
    },
    {
      fixture: 'order-update-timed-out.json',
      connection: riyadh,
      subPath: 'order-update',
      headers: { 'x-request-id': 'req-1' },
    },
  ],
  credential: { headers: ['authorization'], signsBody: false, of: bearerTokenOf },
  keptHeaders: ['x-request-id'],
  numericOrderIds: true,
  simulator: jahezSimulator,
  control: jahezControl,
};
