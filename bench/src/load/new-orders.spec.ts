import { buildWebhook, createRandom, type SimulatedConnection } from '@nexara/simulator';
import { newOrderWebhook } from './new-orders';

const careem: SimulatedConnection = {
  provider: 'CAREEM',
  webhookUrl: 'http://127.0.0.1:4000/webhooks/careem/k1',
  secret: 'secret',
  externalStoreId: 'store 1',
  currency: 'SAR',
};

describe('newOrderWebhook', () => {
  it('draws again when the order id it drew was sent before on that connection', async () => {
    const first = await buildWebhook(careem, 'new_order', { random: createRandom(5) });
    const inUse = new Set([`${careem.webhookUrl} ${first.externalId}`]);

    const built = await newOrderWebhook(careem, createRandom(5), inUse);

    expect(built.externalId).not.toBe(first.externalId);
    expect([...inUse]).toEqual([
      `${careem.webhookUrl} ${first.externalId}`,
      `${careem.webhookUrl} ${built.externalId}`,
    ]);
  });

  it('takes the id it drew when another connection used it', async () => {
    const first = await buildWebhook(careem, 'new_order', { random: createRandom(5) });
    const inUse = new Set([`http://127.0.0.1:4000/webhooks/careem/k2 ${first.externalId}`]);

    expect((await newOrderWebhook(careem, createRandom(5), inUse)).externalId).toBe(first.externalId);
  });
});
