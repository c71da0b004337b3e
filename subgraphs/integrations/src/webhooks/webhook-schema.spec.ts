import 'reflect-metadata';
import { buildIntegrationsSchema, type IntegrationsServices } from '../schema';

describe('webhook inbox schema', () => {
  let sdl: string;

  beforeAll(async () => {
    sdl = (await buildIntegrationsSchema({} as IntegrationsServices)).sdl;
  });

  it('keeps receiveWebhook and its types internal (inaccessible through the supergraph)', () => {
    expect(sdl).toMatch(/receiveWebhook\(input: ReceiveWebhookInput!\): ReceiveWebhookPayload! @inaccessible/);
    expect(sdl).toMatch(/input ReceiveWebhookInput @inaccessible \{/);
    expect(sdl).toMatch(/type ReceiveWebhookPayload @inaccessible \{/);
    expect(sdl).toMatch(/enum WebhookVerdict \{\s*ACCEPTED\s*DUPLICATE\s*REJECTED\s*\}/);
  });

  it('takes the delivery as the shim passes it', () => {
    const input = /input ReceiveWebhookInput @inaccessible \{([^}]*)\}/.exec(sdl)?.[1] ?? '';
    for (const field of [
      'provider: Provider!',
      'connectionKey: String!',
      'method: String!',
      'subPath: String!',
      'headers: JSONObject!',
      'bodyBase64: String!',
      'receivedAt: DateTimeISO!',
    ]) {
      expect(input).toContain(field);
    }
  });

  it('offers the contract queries and replays, arguments in contract order', () => {
    expect(sdl).toMatch(
      /webhookEvents\(\s*filter: WebhookEventFilterInput[\s\S]*?first: Int = 50[\s\S]*?after: String\s*\): WebhookEventConnection!/,
    );
    expect(sdl).toMatch(/webhookEvent\(id: ID!\): WebhookEvent\n/);
    expect(sdl).toMatch(/replayWebhookEvent\(id: ID!\): WebhookEvent!/);
    expect(sdl).toMatch(/replayDeadWebhookEvents\(connectionId: ID!\): Int!/);
    expect(sdl).toMatch(
      /enum WebhookEventStatus \{[\s\S]*QUEUED[\s\S]*PROCESSING[\s\S]*PROCESSED[\s\S]*FAILED[\s\S]*DEAD[\s\S]*\}/,
    );
  });

  it('names orders by federated stubs the orders subgraph resolves', () => {
    expect(sdl).toMatch(/type Order @key\(fields: "id", resolvable: false\) \{\s*id: ID!\s*\}/);
    expect(sdl).toMatch(/orders: \[Order\]!/);
    expect(sdl).toMatch(/connection: ProviderConnection!/);
  });
});
