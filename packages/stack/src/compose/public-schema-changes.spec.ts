import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  acknowledgedChanges,
  breakingChanges,
  checkPublicSchemaChanges,
  PUBLIC_CHANGES_FILE,
  PUBLIC_SCHEMA_FILE,
  unacknowledged,
} from './public-schema-changes';

const V1 = `
type Query { orders(first: Int = 50): [Order!]! }
type Order { id: ID! status: OrderStatus! notes: String }
enum OrderStatus { RECEIVED ACCEPTED }
`;

describe('public schema breaking changes', () => {
  it.each([
    ['adding a field', V1.replace('notes: String', 'notes: String displayCode: String'), []],
    ['adding an enum value', V1.replace('ACCEPTED', 'ACCEPTED READY'), []],
    ['removing a field', V1.replace(' notes: String', ''), ['FIELD_REMOVED Order.notes']],
    [
      'making a field nullable',
      V1.replace('status: OrderStatus!', 'status: OrderStatus'),
      ['FIELD_TYPE_CHANGED Order.status'],
    ],
    ['removing an argument', V1.replace('(first: Int = 50)', ''), ['FIELD_ARGUMENT_REMOVED Query.orders.first']],
    [
      'removing a type',
      V1.replace(' notes: String', '')
        .replace('status: OrderStatus!', '')
        .replace('enum OrderStatus { RECEIVED ACCEPTED }', ''),
      expect.arrayContaining(['TYPE_REMOVED OrderStatus']),
    ],
  ])('%s', async (_name, next, expected) => {
    const changes = await breakingChanges(V1, next);
    expect(changes.map((change) => `${change.type} ${change.path}`)).toEqual(expected);
  });

  it('has nothing to compare while the previous version is the empty placeholder', async () => {
    expect(await breakingChanges('# Nothing is tagged yet\n', V1)).toEqual([]);
  });

  it('reports everything as removed when the contract becomes empty', async () => {
    const changes = await breakingChanges(V1, '# Nothing is tagged yet\n');
    expect(changes.length).toBeGreaterThan(0);
  });

  it('accepts a breaking change only when CHANGES.md lists its type and path', async () => {
    const changes = await breakingChanges(V1, V1.replace(' notes: String', ''));
    const markdown = [
      '# Changes',
      '    - `FIELD_REMOVED` `Order.notes`: an example in the format description does not count',
      '## 2025-06-01',
      '- `FIELD_REMOVED` `Order.status`: a different field',
    ].join('\n');
    expect(unacknowledged(changes, markdown)).toHaveLength(1);
    const listed = `${markdown}\n- \`FIELD_REMOVED\` \`Order.notes\`: merged into \`Order.timeline\`; use that.`;
    expect(acknowledgedChanges(listed)).toContain('FIELD_REMOVED Order.notes');
    expect(unacknowledged(changes, listed)).toEqual([]);
  });

  describe('against the committed version (a scratch git repository)', () => {
    let repo: string;
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
        stdio: 'pipe',
      });
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), text);
    };

    beforeAll(() => {
      repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-public-schema-'));
      git('init', '-q');
      write(PUBLIC_SCHEMA_FILE, V1);
      write(PUBLIC_CHANGES_FILE, '# Changes\n');
      git('add', '.');
      git('commit', '-q', '-m', 'v1');
    });

    afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

    it('fails an uncommitted breaking change until CHANGES.md lists it', async () => {
      const v2 = V1.replace(' notes: String', '');
      const before = await checkPublicSchemaChanges(v2, undefined, repo);
      expect(before.baseline).toBe('HEAD');
      expect(before.unlisted.map((c) => `${c.type} ${c.path}`)).toEqual(['FIELD_REMOVED Order.notes']);
      write(PUBLIC_CHANGES_FILE, '# Changes\n- `FIELD_REMOVED` `Order.notes`: use the timeline.\n');
      expect((await checkPublicSchemaChanges(v2, undefined, repo)).unlisted).toEqual([]);
    });

    it('checks the commit that made the change once it is committed (clean checkout, as in CI)', async () => {
      const v2 = V1.replace(' notes: String', '');
      write(PUBLIC_SCHEMA_FILE, v2);
      write(PUBLIC_CHANGES_FILE, '# Changes\n');
      git('commit', '-q', '-am', 'v2 without an entry');
      const check = await checkPublicSchemaChanges(v2, undefined, repo);
      expect(check.baseline).toBe('HEAD~1');
      expect(check.unlisted).toHaveLength(1);
    });

    it('skips when nothing is committed at the baseline', async () => {
      expect(await checkPublicSchemaChanges(V1, 'no-such-ref', repo)).toEqual({
        baseline: 'none',
        breaking: [],
        unlisted: [],
      });
    });
  });
});
