import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import {
  extractOperations,
  persistedDocumentsFile,
  persistedDocumentsManifest,
  persistedDocumentsStale,
} from './persisted-documents';

describe('persisted documents', () => {
  it('extracts each operation document from codegen output and keys it by the sha256 of its text', () => {
    const ast = JSON.stringify(parse('query Me { me { id } }', { noLocation: true }));
    const generated = [
      `export const MeDocument = ${ast} as unknown as DocumentNode<MeQuery, MeQueryVariables>;`,
      `export const UserFieldsFragmentDoc = {"kind":"Document","definitions":[]} as unknown as DocumentNode<UserFieldsFragment, unknown>;`,
    ].join('\n');
    const documents = extractOperations(generated);
    expect(documents).toEqual(['query Me {\n  me {\n    id\n  }\n}']);
    const hash = createHash('sha256').update(documents[0]!).digest('hex');
    expect(persistedDocumentsManifest(documents)).toEqual({ [hash]: documents[0] });
  });

  it('is checked in and matches the web app operations (run the persisted-documents script after codegen)', () => {
    const expected = persistedDocumentsFile();
    expect(Object.keys(JSON.parse(expected.contents) as object).length).toBeGreaterThan(0);
    expect(persistedDocumentsStale(expected)).toBe(false);
  });
});
