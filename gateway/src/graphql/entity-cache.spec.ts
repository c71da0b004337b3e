import { EntityCache } from './entity-cache';

const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
const NAMES = `query($representations:[_Any!]!){_entities(representations:$representations){...on ProviderConnection{__typename id name provider}}}`;
const reference = { __typename: 'ProviderConnection', id: 'c1' };
const entity = { __typename: 'ProviderConnection', id: 'c1', name: 'Main', provider: 'P' };

describe(EntityCache.name, () => {
  it.each([
    ['names of connections', 'integrations', NAMES, true],
    [
      'a tenant name',
      'tenants',
      `query($representations:[_Any!]!){_entities(representations:$representations){...on Tenant{id name}}}`,
      true,
    ],
    ['a field that changes without an event', 'integrations', NAMES.replace('provider}', 'provider status}'), false],
    ['an aliased field', 'integrations', NAMES.replace(' name ', ' label:name '), false],
    ['a nested selection', 'integrations', NAMES.replace(' name ', ' health { state } '), false],
    ['an allowed type on another subgraph', 'orders', NAMES, false],
    ['a field other than _entities', 'integrations', `query{connections{id name}}`, false],
    ['a mutation', 'integrations', `mutation{_entities(representations:[]){...on ProviderConnection{id}}}`, false],
    ['text that is not GraphQL', 'integrations', 'query {', false],
  ])('%s, sent to %s', (_what, subgraph, query, expected) => {
    expect(new EntityCache().cacheable(subgraph, query)).toBe(expected);
  });

  it('hands back copies of what it stored, per tenant and partition', () => {
    const sut = new EntityCache();
    const { generation } = sut.lookup('integrations', TENANT, 'user:STAFF', NAMES, [reference]);
    sut.store('integrations', TENANT, 'user:STAFF', NAMES, generation, [reference], [entity]);
    const [found] = sut.lookup('integrations', TENANT, 'user:STAFF', NAMES, [reference]).found;
    expect(found).toEqual(entity);
    expect(found).not.toBe(entity);
    expect(sut.lookup('integrations', OTHER_TENANT, 'user:STAFF', NAMES, [reference]).found).toEqual([undefined]);
    expect(sut.lookup('integrations', TENANT, 'user:MANAGER', NAMES, [reference]).found).toEqual([undefined]);
  });

  it('answers a fetch only with what was fetched for the same selection', () => {
    const sut = new EntityCache();
    const NAME_ONLY = NAMES.replace(' provider}', '}');
    const nameOnly = { __typename: 'ProviderConnection', id: 'c1', name: 'Main' };
    const { generation } = sut.lookup('integrations', TENANT, 'p', NAME_ONLY, [reference]);
    sut.store('integrations', TENANT, 'p', NAME_ONLY, generation, [reference], [nameOnly]);
    // The entry has no provider: a fetch that wants it must go to the subgraph.
    expect(sut.lookup('integrations', TENANT, 'p', NAMES, [reference]).found).toEqual([undefined]);
    expect(sut.lookup('integrations', TENANT, 'p', NAME_ONLY, [reference]).found).toEqual([nameOnly]);
  });

  it('forgets a tenant on drop, and refuses an answer fetched before the drop', () => {
    const sut = new EntityCache();
    const before = sut.lookup('integrations', TENANT, 'user:STAFF', NAMES, [reference]).generation;
    sut.store('integrations', TENANT, 'user:STAFF', NAMES, before, [reference], [entity]);
    const inFlight = sut.lookup('integrations', TENANT, 'user:STAFF', NAMES, [{ id: 'c2' }]).generation;
    sut.drop('integrations', TENANT);
    expect(sut.lookup('integrations', TENANT, 'user:STAFF', NAMES, [reference]).found).toEqual([undefined]);
    sut.store('integrations', TENANT, 'user:STAFF', NAMES, inFlight, [reference], [entity]);
    expect(sut.lookup('integrations', TENANT, 'user:STAFF', NAMES, [reference]).found).toEqual([undefined]);
  });

  it('keeps no null entity and nothing past its time to live', () => {
    let now = 0;
    const sut = new EntityCache({ ttlMs: 1_000, now: () => now });
    const { generation } = sut.lookup('integrations', TENANT, 'p', NAMES, [reference, { id: 'gone' }]);
    sut.store('integrations', TENANT, 'p', NAMES, generation, [reference, { id: 'gone' }], [entity, null]);
    expect(sut.lookup('integrations', TENANT, 'p', NAMES, [reference, { id: 'gone' }]).found).toEqual([
      entity,
      undefined,
    ]);
    now = 1_000;
    expect(sut.lookup('integrations', TENANT, 'p', NAMES, [reference]).found).toEqual([undefined]);
  });
});
