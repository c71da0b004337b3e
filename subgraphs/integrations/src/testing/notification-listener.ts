import { Client } from 'pg';

export type NotificationListener = {
  /** Payloads received so far, in delivery order. */
  payloads: string[];
  /** Resolves once `payload` has arrived (or rejects after `timeoutMs`). */
  waitFor: (payload: string, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

/** LISTENs on `channel` with its own session of `url`, outside any pool, as the webhook shim would. */
export async function listenTo(url: string, channel: string): Promise<NotificationListener> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const payloads: string[] = [];
  client.on('notification', (message) => {
    if (message.channel === channel) payloads.push(message.payload ?? '');
  });
  await client.query(`listen ${client.escapeIdentifier(channel)}`);
  return {
    payloads,
    waitFor: async (payload, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!payloads.includes(payload)) {
        if (Date.now() > deadline)
          throw new Error(`No notification "${payload}" on ${channel} within ${timeoutMs} ms.`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => client.end(),
  };
}
