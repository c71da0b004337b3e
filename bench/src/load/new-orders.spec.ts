import { buildWebhook, createRandom, SIMULATED_PROVIDERS, type SimulatedConnection } from '@nexara/simulator';
import { newOrderWebhook } from './new-orders';

const connection: SimulatedConnection = {
  provider: SIMULATED_PROVIDERS[0]!,
  webhookUrl: 'http://127.0.0.1:4000/webhooks/p/k1',
  secret: 'secret',
  externalStoreId: 'store 1',
  currency: 'SAR',
};

describe('newOrderWebhook', () => {
  it('draws again when the order id it drew was sent before on that connection', async () => {
    const first = await buildWebhook(connection, 'new_order', { random: createRandom(5) });
    const inUse = new Set([`${connection.webhookUrl} ${first.externalId}`]);

    const built = await newOrderWebhook(connection, createRandom(5), inUse);

    expect(built.externalId).not.toBe(first.externalId);
    expect([...inUse]).toEqual([
      `${connection.webhookUrl} ${first.externalId}`,
      `${connection.webhookUrl} ${built.externalId}`,
    ]);
  });

  it('takes the id it drew when another connection used it', async () => {
    const first = await buildWebhook(connection, 'new_order', { random: createRandom(5) });
    const inUse = new Set([`http://127.0.0.1:4000/webhooks/p/k2 ${first.externalId}`]);

    expect((await newOrderWebhook(connection, createRandom(5), inUse)).externalId).toBe(first.externalId);
  });
});
