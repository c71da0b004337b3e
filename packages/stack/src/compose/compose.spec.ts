import 'reflect-metadata';
import { composeSupergraph, PUBLIC_SUPERGRAPH_FILE, staleFiles } from './compose';
import { checkPublicSchemaChanges, describeUnlisted, PUBLIC_SCHEMA_FILE } from './public-schema-changes';

describe('supergraph composition', () => {
  let composition: Awaited<ReturnType<typeof composeSupergraph>>;

  beforeAll(async () => {
    composition = await composeSupergraph();
  });

  it('composes without errors and matches the checked-in schema files', () => {
    expect(Object.keys(composition.files)).toEqual(
      expect.arrayContaining([
        'gateway/schema/supergraph.graphql',
        'gateway/schema/api.graphql',
        PUBLIC_SUPERGRAPH_FILE,
        PUBLIC_SCHEMA_FILE,
      ]),
    );
    // A failure here means a subgraph changed without `npm run compose`.
    expect(staleFiles(composition)).toEqual([]);
  });

  it('breaks nothing in the public partner schema since the last commit unless CHANGES.md lists it', async () => {
    const check = await checkPublicSchemaChanges(composition.files[PUBLIC_SCHEMA_FILE]!);
    if (check.baseline === 'none') {
      console.info(`${PUBLIC_SCHEMA_FILE} is not committed yet: nothing to compare against.`);
      return;
    }
    if (check.unlisted.length) throw new Error(describeUnlisted(check));
  });
});
