import type { ProviderDefinition } from '../definition';
import { careemControl } from './control';
import { careemAdapter } from './careem.adapter';
import { careemIdentity } from './identity';
import { careemSimulator } from './simulator';

const dubai = { currency: 'AED', externalStoreId: 'brn-dxb-marina-01' };

export const careemProvider: ProviderDefinition = {
  identity: careemIdentity,
  adapter: careemAdapter,
  directory: __dirname,
  docPage: 'careem.md',
  fixtures: [
    { fixture: 'order-created-aed-delivery.json', connection: dubai },
    {
      fixture: 'order-created-sar-pickup-accepted.json',
      connection: { currency: 'SAR', externalStoreId: 'brn-ruh-olaya-03' },
    },
    { fixture: 'order-status-updated.json', connection: dubai },
  ],
  credential: {
    headers: ['x-careem-signature', 'x-careem-timestamp'],
    signsBody: true,
    of: (headers) =>
      `${headers['x-careem-signature']?.trim().toLowerCase() ?? ''}|${headers['x-careem-timestamp']?.trim() ?? ''}`,
  },
  keptHeaders: ['x-careem-timestamp'],
  simulator: careemSimulator,
  control: careemControl,
};
