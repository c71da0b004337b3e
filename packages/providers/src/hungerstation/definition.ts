import { deliveryHeroDefinition } from '../common/delivery-hero/definition';
import { hungerstationIdentity } from './identity';

const riyadh = { currency: 'SAR', externalStoreId: 'hs-ruh-olaya-7' };
/** Status calls name the order by the id Nexara answered; any UUID will do for a fixture. */
const REMOTE_ORDER_ID = '2b8e4f10-6c3a-4d97-8e15-9a0c7b3d5f62';

export const hungerstationProvider = deliveryHeroDefinition({
  identity: hungerstationIdentity,
  directory: __dirname,
  docPage: 'hungerstation.md',
  fixtures: [
    { fixture: 'order-new-sar-delivery.json', connection: riyadh, subPath: 'order/hs-ruh-olaya-7' },
    {
      fixture: 'order-new-sar-pickup-cash.json',
      connection: { currency: 'SAR', externalStoreId: 'hs-jed-tahlia-2' },
      subPath: 'order/hs-jed-tahlia-2',
    },
    {
      fixture: 'order-status-picked-up.json',
      connection: riyadh,
      method: 'PUT',
      subPath: `remoteId/hs-ruh-olaya-7/remoteOrder/${REMOTE_ORDER_ID}/posOrderStatus`,
    },
  ],
});

export const hungerstationAdapter = hungerstationProvider.adapter;
