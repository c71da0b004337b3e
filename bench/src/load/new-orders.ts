import { buildWebhook, type BuiltWebhook, type Random, type SimulatedConnection } from '@nexara/simulator';

/**
 * The orders a bench run has sent as new, per connection (`webhookUrl externalId`).
 * One set per run, shared by its scenarios: they all write to one database.
 */
export type OrdersInUse = Set<string>;

/**
 * A signed new-order webhook for an order the run has not sent before. The
 * simulator draws a provider's order id at random (two providers' from some
 * 90 million numbers), so the 131,000 orders of the end-to-end scenario met
 * about five of the webhook accept scenario's 60,000 on the same
 * connections: the platform rightly took those as a repeat of an order it
 * had, committed no new version and announced none, and the bench counted
 * an arrival missed. A drawn id already used is drawn again.
 */
export async function newOrderWebhook(
  connection: SimulatedConnection,
  random: Random,
  inUse: OrdersInUse,
): Promise<BuiltWebhook> {
  for (;;) {
    const built = await buildWebhook(connection, 'new_order', { random });
    const key = `${connection.webhookUrl} ${built.externalId}`;
    if (!inUse.has(key)) {
      inUse.add(key);
      return built;
    }
  }
}
