import { deliveryHeroDefinition } from '../common/delivery-hero/definition';
import { talabatIdentity } from './identity';

const kuwait = { currency: 'KWD', externalStoreId: 'kw-burger-lab-12' };
/** Status calls name the order by the id Nexara answered; any UUID will do for a fixture. */
const REMOTE_ORDER_ID = '7d9f3c21-5b8e-4a61-9f0d-2c4b6e8a1d35';

export const talabatProvider = deliveryHeroDefinition({
  identity: talabatIdentity,
  directory: __dirname,
  docPage: 'talabat.md',
  fixtures: [
    {
      fixture: 'order-new-aed-pickup-preorder.json',
      connection: { currency: 'AED', externalStoreId: 'ae-pizza-dxb-3' },
      subPath: 'order/ae-pizza-dxb-3',
    },
    { fixture: 'order-new-kwd-delivery.json', connection: kuwait, subPath: 'order/kw-burger-lab-12' },
    {
      fixture: 'order-status-cancelled.json',
      connection: kuwait,
      method: 'PUT',
      subPath: `remoteId/kw-burger-lab-12/remoteOrder/${REMOTE_ORDER_ID}/posOrderStatus`,
    },
  ],
});

export const talabatAdapter = talabatProvider.adapter;
