import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalOrderEvent } from './adapter';
import { canonicalOrderEventSchema, canonicalOrderProblems } from './canonical-order';
import { PROVIDER_IDENTITIES, PROVIDERS, providerIdentity } from './display';
import { adapterFor, PROVIDER_DEFINITIONS, providerDefinition, providerFromPath } from './registry';
import { aConnection, aWebhook, fixtureBytes } from './common/test-support';
import type { ProviderDefinition } from './definition';

/**
 * What a definition lacks of the parts every provider must have, by name
 * (empty when it has them all). The compiler asks for them too; this catches
 * a part present in type but empty or broken in value.
 */
function missingParts(definition: ProviderDefinition): string[] {
  const missing: string[] = [];
  const need = (ok: boolean, part: string): void => {
    if (!ok) missing.push(part);
  };
  const { identity, adapter, simulator } = definition;
  need(Boolean(identity?.code && identity.name?.trim() && identity.pathSegment), 'identity');
  for (const step of ['matchRoute', 'authenticate', 'idempotencyKey', 'answer', 'parse', 'buildCallback'] as const) {
    need(typeof adapter?.[step] === 'function', `adapter.${step}`);
  }
  need(Boolean(definition.directory && definition.docPage), 'doc page');
  need((definition.fixtures?.length ?? 0) > 0, 'fixtures');
  need(
    (definition.credential?.headers.length ?? 0) > 0 && typeof definition.credential?.of === 'function',
    'credential',
  );
  need(Array.isArray(definition.keptHeaders), 'keptHeaders');
  need(typeof simulator?.buildWebhook === 'function', 'simulator.buildWebhook');
  need(typeof simulator?.signedHeaders === 'function', 'simulator.signedHeaders');
  need(typeof simulator?.checkAnswer === 'function', 'simulator.checkAnswer');
  need((simulator?.callbackRoutes.length ?? 0) > 0, 'simulator.callbackRoutes');
  need(
    (simulator?.statuses.length ?? 0) > 0 &&
      simulator!.statuses.includes(simulator!.cancellation) &&
      simulator!.progression.every((status) => simulator!.statuses.includes(status)),
    'simulator statuses',
  );
  return missing;
}

describe('provider registry', () => {
  it('has one definition per provider, each naming its own provider', () => {
    expect(PROVIDER_DEFINITIONS.map((definition) => definition.identity.code)).toEqual([...PROVIDERS]);
    for (const provider of PROVIDERS) {
      expect(providerDefinition(provider).identity).toBe(providerIdentity(provider));
      expect(adapterFor(provider).provider).toBe(provider);
    }
  });

  it.each(PROVIDER_DEFINITIONS.map((definition) => [definition.identity.code, definition] as const))(
    '%s has no required part missing',
    (_code, definition) => {
      expect(missingParts(definition)).toEqual([]);
    },
  );

  it.each([
    ['identity', { identity: undefined }],
    ['adapter.parse', { adapter: { ...PROVIDER_DEFINITIONS[0]!.adapter, parse: undefined } }],
    ['fixtures', { fixtures: [] }],
    ['credential', { credential: undefined }],
    ['simulator.buildWebhook', { simulator: { ...PROVIDER_DEFINITIONS[0]!.simulator, buildWebhook: undefined } }],
    ['simulator.callbackRoutes', { simulator: { ...PROVIDER_DEFINITIONS[0]!.simulator, callbackRoutes: [] } }],
  ])('fails a provider registered without its %s', (part, without) => {
    const broken = { ...PROVIDER_DEFINITIONS[0]!, ...without } as unknown as ProviderDefinition;
    expect(missingParts(broken)).toContain(part);
  });

  it('gives every provider a distinct code, name, colour and path segment', () => {
    for (const part of ['code', 'name', 'color', 'pathSegment'] as const) {
      expect(new Set(PROVIDER_IDENTITIES.map((identity) => identity[part])).size).toBe(PROVIDER_IDENTITIES.length);
    }
  });

  describe.each(PROVIDER_DEFINITIONS.map((definition) => [definition.identity.code, definition] as const))(
    '%s has every required part',
    (_code, definition) => {
      const { identity } = definition;

      it('an identity: an upper-case code, a name, colours, a lower-case path segment, a deadline, a demo share', () => {
        expect(identity.code).toMatch(/^[A-Z][A-Z0-9_]{0,39}$/);
        expect(identity.name.trim()).not.toBe('');
        expect(identity.color).toMatch(/^#[0-9a-f]{3}([0-9a-f]{3})?$/i);
        expect(identity.ink).toMatch(/^#[0-9a-f]{3}([0-9a-f]{3})?$/i);
        expect(identity.pathSegment).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(providerFromPath(identity.pathSegment)).toBe(identity.code);
        expect(identity.acceptMinutes).toBeGreaterThan(0);
        expect(identity.demo.weight).toBeGreaterThan(0);
        expect(identity.demo.deliveryFees.length).toBeGreaterThan(0);
        for (const [from, to] of Object.entries(identity.answerStatuses)) {
          expect(Number(from)).toBeGreaterThanOrEqual(400);
          expect(to).toBeGreaterThanOrEqual(400);
        }
      });

      it('a doc page in its folder that names it', () => {
        const page = join(definition.directory, definition.docPage);
        expect(existsSync(page)).toBe(true);
        expect(readFileSync(page, 'utf8')).toContain(identity.name);
      });

      it('at least three fixtures, every file in fixtures/ listed with how it is delivered', () => {
        const files = readdirSync(join(definition.directory, 'fixtures')).filter((name) => name.endsWith('.json'));
        expect(files.length).toBeGreaterThanOrEqual(3);
        expect(definition.fixtures.map((delivery) => delivery.fixture).sort()).toEqual(files.sort());
      });

      it('an adapter and a credential', () => {
        expect(definition.adapter.provider).toBe(identity.code);
        expect(definition.credential.headers.length).toBeGreaterThan(0);
        for (const header of [...definition.credential.headers, ...definition.keptHeaders]) {
          expect(header).toBe(header.toLowerCase());
        }
      });

      it('a receipts capability exactly when its adapter can tell a failed order', () => {
        expect(definition.confirmsReceipts === true).toBe(definition.adapter.failedOrderId !== undefined);
      });
    },
  );

  it.each([['ubereats'], ['constructor'], ['__proto__'], ['']])(
    'reads no provider from the segment "%s"',
    (segment) => {
      expect(providerFromPath(segment)).toBeNull();
    },
  );

  describe.each(PROVIDERS)('%s fixtures', (provider) => {
    const definition = providerDefinition(provider);

    it.each(definition.fixtures.map((delivery) => [delivery.fixture, delivery] as const))(
      '%s parses into events shaped exactly like the orders input',
      (_fixture, delivery) => {
        const connection = aConnection(provider, delivery.connection);
        const events: CanonicalOrderEvent[] = definition.adapter.parse(
          aWebhook(provider, {
            rawBody: fixtureBytes(definition.directory, delivery.fixture),
            method: delivery.method ?? 'POST',
            subPath: delivery.subPath ?? '',
            headers: delivery.headers ?? {},
          }),
          connection,
        );
        expect(events.length).toBeGreaterThan(0);
        expect(new Set(events.map((event) => event.eventKey)).size).toBe(events.length);
        for (const event of events) {
          // The one declaration of the canonical event (canonical-order.ts) accepts it as it is: nothing to trim, no key missing or extra.
          const checked = canonicalOrderEventSchema.safeParse(event);
          expect(checked.success ? [] : canonicalOrderProblems(checked.error)).toEqual([]);
          expect(checked.data).toStrictEqual(event);
          // Every fixture is a consistent order: a warning here would be a parsing bug.
          if (event.kind === 'ORDER_PLACED') expect(event.order.warnings).toEqual([]);
        }
      },
    );
  });
});
