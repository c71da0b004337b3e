import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { print, type DocumentNode } from 'graphql';
import { REPO_ROOT } from '../paths';

/** The dashboard's typed operations, as `npm run codegen` writes them (client preset). */
export const WEB_OPERATIONS_FILE = 'web/src/gql/graphql.ts';
/** sha256 of each document's text -> the text; the gateway's trusted documents in production. */
export const PERSISTED_DOCUMENTS_FILE = 'web/persisted-documents.json';

/**
 * The operations in codegen's output: each `export const XDocument = {...}`
 * is the operation's AST as JSON (with the fragments it uses), printed here
 * the way graphql-js prints it.
 */
export function extractOperations(generatedTypescript: string): string[] {
  const pattern = /^export const \w+Document = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;
  return [...generatedTypescript.matchAll(pattern)].map((match) => print(JSON.parse(match[1]!) as DocumentNode));
}

export function persistedDocumentsManifest(documents: readonly string[]): Record<string, string> {
  const entries = documents.map((text) => [createHash('sha256').update(text).digest('hex'), text] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** The manifest file as it should be checked in, from the current codegen output. */
export function persistedDocumentsFile(): { file: string; contents: string } {
  const generated = fs.readFileSync(path.join(REPO_ROOT, WEB_OPERATIONS_FILE), 'utf8');
  const manifest = persistedDocumentsManifest(extractOperations(generated));
  return { file: PERSISTED_DOCUMENTS_FILE, contents: JSON.stringify(manifest, null, 2) + '\n' };
}

export function persistedDocumentsStale(expected: { file: string; contents: string }): boolean {
  const target = path.join(REPO_ROOT, expected.file);
  return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== expected.contents;
}
