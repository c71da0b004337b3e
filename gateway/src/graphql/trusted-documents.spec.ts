import { parse } from 'graphql';
import { requiresTrustedDocuments } from './gateway-server';
import { canonicalDocument, sha256Hex, trustedDocuments } from './trusted-documents';

const OVERVIEW =
  'query Overview {\n  orders(first: 25) {\n    totalCount\n    edges {\n      node {\n        id\n      }\n    }\n  }\n}';

describe('trusted documents', () => {
  const documents = trustedDocuments({ [sha256Hex(OVERVIEW)]: OVERVIEW });

  it.each([
    ['the exact text', OVERVIEW, true],
    ['reformatted, with commas', 'query Overview { orders(first: 25) { totalCount, edges { node { id } } } }', true],
    [
      'with the __typename fields Apollo Client adds',
      'query Overview { orders(first: 25) { totalCount edges { node { id __typename } __typename } __typename } }',
      true,
    ],
    ['another page size', 'query Overview { orders(first: 200) { totalCount edges { node { id } } } }', false],
    ['an extra field', 'query Overview { orders(first: 25) { totalCount edges { node { id status } } } }', false],
    [
      'an aliased __typename (it is a real selection)',
      'query Overview { orders(first: 25) { t: __typename totalCount edges { node { id } } } }',
      false,
    ],
    ['another operation name', 'query Other { orders(first: 25) { totalCount edges { node { id } } } }', false],
  ])('%s: %s', (_name, source, trusted) => {
    expect(documents.includes(parse(source))).toBe(trusted);
  });

  it('finds a document by the sha256 of its text', () => {
    expect(documents.documentFor(sha256Hex(OVERVIEW))).toBe(OVERVIEW);
    expect(documents.documentFor(sha256Hex('{ me { id } }'))).toBeUndefined();
  });

  it('prints one canonical text per document', () => {
    expect(canonicalDocument(parse('{ a { __typename b } }'))).toBe('{\n  a {\n    b\n  }\n}');
  });

  it.each([
    ['a browser (Origin) with a token', { origin: 'https://app.example' }, { kind: 'user' } as const, true],
    ['a browser without a token', { origin: 'https://app.example' }, { kind: 'anonymous' } as const, true],
    ['an integration with a token and no Origin', {}, { kind: 'user' } as const, false],
    ['an anonymous client without Origin', {}, { kind: 'anonymous' } as const, true],
  ])('in production, %s is held to them: %s', (_name, headers, kind, expected) => {
    const identity =
      kind.kind === 'user'
        ? { kind: 'user' as const, userId: 'u', tenantId: 't', role: 'STAFF' as const }
        : { kind: 'anonymous' as const };
    expect(requiresTrustedDocuments(headers, identity)).toBe(expected);
  });
});
