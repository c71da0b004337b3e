import type { ProviderDefinition } from '../definition';
import { deliverooControl } from './control';
import { deliverooAdapter } from './deliveroo.adapter';
import { deliverooIdentity } from './identity';
import { deliverooSimulator } from './simulator';

const kuwait = { currency: 'KWD', externalStoreId: 'kw-salmiya-042' };
const headers = { 'x-deliveroo-sequence-guid': 'guid-1' };

export const deliverooProvider: ProviderDefinition = {
  identity: deliverooIdentity,
  adapter: deliverooAdapter,
  directory: __dirname,
  docPage: 'deliveroo.md',
  fixtures: [
    {
      fixture: 'order-new-aed-pickup-accepted.json',
      connection: { currency: 'AED', externalStoreId: 'dxb-jbr-007' },
      headers,
    },
    { fixture: 'order-new-kwd-delivery.json', connection: kuwait, headers },
    { fixture: 'order-status-update-canceled.json', connection: kuwait, headers },
  ],
  credential: {
    headers: ['x-deliveroo-hmac-sha256', 'x-deliveroo-sequence-guid'],
    signsBody: true,
    of: (headers) =>
      `${headers['x-deliveroo-hmac-sha256']?.trim().toLowerCase() ?? ''}|${headers['x-deliveroo-sequence-guid']?.trim() ?? ''}`,
  },
  keptHeaders: ['x-deliveroo-sequence-guid'],
  // Deliveroo's `sync_status`: it wants to hear that each new order reached the restaurant, or could not.
  confirmsReceipts: true,
  simulator: deliverooSimulator,
  control: deliverooControl,
};
