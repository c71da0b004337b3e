import { randomUUID } from 'node:crypto';
import { aUser } from '../testing/identities';
import { anOrder } from '../testing/order-factory';
import { STAFF_ACTIONS } from '../testing/order-operations';
import { dataOf, errorCodes, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';

const ORDER_VERSIONS = `query($refs: [OrderVersionRefInput!]!) {
  orderVersions(refs: $refs) { id version status acceptedAt prepMinutes timeline { status } }
}`;

type Versions = {
  orderVersions: ({
    id: string;
    version: number;
    status: string;
    prepMinutes: number | null;
    timeline: { status: string }[];
  } | null)[];
};

describe('orderVersions (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantId = randomUUID();
  const manager = aUser(tenantId, 'MANAGER');

  beforeAll(async () => {
    env = await startOrdersTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('answers each ref as order(id, version) would, in the order asked, null where there is no such version', async () => {
    const order = await anOrder(env, { tenantId });
    dataOf(await env.request(manager, STAFF_ACTIONS.acceptOrder.document, { id: order.id }));
    const other = await anOrder(env, { tenantId: randomUUID() });
    const refs = [
      { id: order.id, version: 2 },
      { id: order.id, version: 1 },
      { id: other.id, version: 1 },
      { id: order.id, version: 3 },
      { id: 'not-a-uuid', version: 1 },
      { id: order.id.toUpperCase(), version: 1 },
    ];
    const { orderVersions } = dataOf(await env.request<Versions>(manager, ORDER_VERSIONS, { refs }));
    expect(orderVersions).toEqual([
      expect.objectContaining({ id: order.id, version: 2, status: 'ACCEPTED', prepMinutes: 15 }),
      expect.objectContaining({ id: order.id, version: 1, status: 'RECEIVED', prepMinutes: null }),
      null,
      null,
      null,
      expect.objectContaining({ id: order.id, version: 1, status: 'RECEIVED' }),
    ]);
    // Each version's timeline as that version left it.
    expect(orderVersions[0]!.timeline.map((entry) => entry.status)).toEqual(['RECEIVED', 'ACCEPTED']);
    expect(orderVersions[1]!.timeline.map((entry) => entry.status)).toEqual(['RECEIVED']);
  });

  it('refuses more than 200 refs, reading nothing', async () => {
    const refs = Array.from({ length: 201 }, () => ({ id: randomUUID(), version: 1 }));
    expect(errorCodes(await env.request(manager, ORDER_VERSIONS, { refs }))).toEqual(['BAD_USER_INPUT']);
  });
});
