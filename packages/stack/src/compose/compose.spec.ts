import 'reflect-metadata';
import { composeSupergraph, staleFiles } from './compose';

describe('supergraph composition', () => {
  it('composes without errors and matches the checked-in schema files', async () => {
    const composition = await composeSupergraph();
    expect(Object.keys(composition.files)).toEqual(
      expect.arrayContaining(['gateway/schema/supergraph.graphql', 'gateway/schema/api.graphql']),
    );
    // A failure here means a subgraph changed without `npm run compose`.
    expect(staleFiles(composition)).toEqual([]);
  });
});
