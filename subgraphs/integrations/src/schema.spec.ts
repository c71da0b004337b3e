import 'reflect-metadata';
import type { ConnectionService } from './connections/connection.service';
import { buildIntegrationsSchema, integrationsSdl, type IntegrationsServices } from './schema';

describe('integrations subgraph schema', () => {
  // Building the schema touches no service; resolvers are never called here.
  const services = { connections: {} as ConnectionService } as IntegrationsServices;

  it('prints the same SDL without services', async () => {
    expect(await integrationsSdl()).toBe((await buildIntegrationsSchema(services)).sdl);
  });

  it('declares ProviderConnection as a resolvable entity and Branch/Tenant as stubs owned elsewhere', async () => {
    const { sdl } = await buildIntegrationsSchema(services);

    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    expect(sdl).toMatch(/type ProviderConnection @key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Branch @key\(fields: "id", resolvable: false\)/);
    expect(sdl).toMatch(/type Tenant @key\(fields: "id", resolvable: false\)/);
  });

  it('offers no way to read a secret or the raw connection key back', async () => {
    const { schema } = await buildIntegrationsSchema(services);
    const connection = schema.getType('ProviderConnection');
    const fields = connection && 'getFields' in connection ? Object.keys(connection.getFields()) : [];

    expect(fields).toEqual(
      expect.arrayContaining(['id', 'provider', 'name', 'status', 'webhookUrl', 'branch', 'tenant', 'createdAt']),
    );
    expect(fields.filter((field) => /secret|key|cipher/i.test(field))).toEqual([]);
  });

  it('exposes the contract operations', async () => {
    const { schema } = await buildIntegrationsSchema(services);

    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['connections', 'connection', '_entities', '_service']),
    );
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining([
        'connectProvider',
        'rotateConnectionSecret',
        'pauseConnection',
        'resumeConnection',
        'updateConnection',
        'sendTestWebhook',
      ]),
    );
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(expect.arrayContaining(['auditLog']));
  });

  it('declares PageInfo shareable with exactly the fields the orders subgraph declares', async () => {
    const { sdl } = await buildIntegrationsSchema(services);

    expect(sdl).toMatch(
      /type PageInfo @shareable @tag\(name: "public"\) \{\s*hasNextPage: Boolean!\s*endCursor: String\s*\}/,
    );
  });

  it('answers sendTestWebhook with the result type the dashboard reads', async () => {
    const { sdl } = await buildIntegrationsSchema(services);

    expect(sdl).toMatch(/sendTestWebhook\(connectionId: ID!, kind: TestWebhookKind!\): TestWebhookResult!/);
    expect(sdl).toMatch(/enum TestWebhookKind \{\s*NEW_ORDER\s*STATUS_UPDATE\s*CANCELLATION\s*\}/);
    expect(sdl).toMatch(/enum AuditKind \{\s*ADMIN_ACTION\s*SECURITY_EVENT\s*\}/);
  });
});
