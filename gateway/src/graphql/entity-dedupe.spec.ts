import { dedupeRepresentations, expandEntities, type SubgraphResponse } from './entity-dedupe';

const tenant = (id: string) => ({ __typename: 'Tenant', id });

describe(dedupeRepresentations.name, () => {
  it('keeps the first of each distinct representation and where every original went', () => {
    const { unique, positions } = dedupeRepresentations([tenant('a'), tenant('b'), tenant('a'), tenant('a')]);
    expect(unique).toEqual([tenant('a'), tenant('b')]);
    expect(positions).toEqual([0, 1, 0, 0]);
  });
});

describe(expandEntities.name, () => {
  it('gives every original position its own copy of the answer', () => {
    const response = { data: { _entities: [{ name: 'A' }, { name: 'B' }] } } as SubgraphResponse;
    const expanded = expandEntities(response, [0, 1, 0]);
    const entities = expanded.data!['_entities'] as { name: string }[];
    expect(entities).toEqual([{ name: 'A' }, { name: 'B' }, { name: 'A' }]);
    expect(entities[2]).not.toBe(entities[0]); // the gateway merges later fetches into each one
  });

  it('repeats an error of a unique entity at every position it stands for, and leaves other errors alone', () => {
    const response = {
      data: { _entities: [null, { name: 'B' }] },
      errors: [
        { message: 'not found', path: ['_entities', 0, 'name'] },
        { message: 'elsewhere', path: ['other'] },
      ],
    } as unknown as SubgraphResponse;
    expect(expandEntities(response, [0, 1, 0]).errors).toEqual([
      { message: 'not found', path: ['_entities', 0, 'name'] },
      { message: 'not found', path: ['_entities', 2, 'name'] },
      { message: 'elsewhere', path: ['other'] },
    ]);
  });

  it('leaves an answer of the wrong length for the gateway to reject', () => {
    const response = { data: { _entities: [{ name: 'A' }] } } as SubgraphResponse;
    expect(expandEntities(response, [0, 1])).toBe(response);
  });
});
