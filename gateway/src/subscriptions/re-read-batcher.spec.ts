import type { Identity } from '@nexara/kit';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { createReReadBatcher } from './re-read-batcher';
import type { OperationRunner } from './subscription-server';

const identity = { kind: 'user', userId: 'u', role: 'MANAGER', sessionId: 's', tenantId: 't' } as Identity;
type Ref = { id: string; version: number };

/** A runner answering each ref with a subject named after it (null for id "gone"), recording what it was asked. */
function runner(answer?: (refs: Ref[]) => ExecutionResult) {
  const calls: { query: string; variables: Record<string, unknown> }[] = [];
  const run: OperationRunner = async (query, variables) => {
    calls.push({ query, variables });
    const refs = variables['__nexaraRefs'] as Ref[];
    return (
      answer?.(refs) ?? {
        data: { __nexaraSubjects: refs.map((ref) => (ref.id === 'gone' ? null : { id: ref.id, v: ref.version })) },
      }
    );
  };
  return { run, calls };
}

const read = (ref: Ref, query = 'Q', variables: Record<string, unknown> = {}) => ({ query, variables, identity, ref });

describe('createReReadBatcher', () => {
  it("reads one turn's subjects of a key in one query, answering each at its place", async () => {
    const { run, calls } = runner();
    const batched = createReReadBatcher(run);
    const answers = await Promise.all([
      batched('k', read({ id: 'a', version: 1 }, 'Q', { x: 1 })),
      batched('k', read({ id: 'b', version: 3 }, 'Q', { x: 1 })),
      batched('k', read({ id: 'gone', version: 1 }, 'Q', { x: 1 })),
    ]);
    expect(calls).toEqual([
      {
        query: 'Q',
        variables: {
          x: 1,
          __nexaraRefs: [
            { id: 'a', version: 1 },
            { id: 'b', version: 3 },
            { id: 'gone', version: 1 },
          ],
        },
      },
    ]);
    expect(answers).toEqual([
      { data: { __nexaraSubject: { id: 'a', v: 1 } } },
      { data: { __nexaraSubject: { id: 'b', v: 3 } } },
      { data: { __nexaraSubject: null } },
    ]);
  });

  it('keeps keys apart, splits a big turn, and starts a new batch in the next turn', async () => {
    const { run, calls } = runner();
    const batched = createReReadBatcher(run, 2);
    await Promise.all([
      batched('k', read({ id: 'a', version: 1 })),
      batched('k', read({ id: 'b', version: 1 })),
      batched('k', read({ id: 'c', version: 1 })),
      batched('other', read({ id: 'a', version: 1 }, 'R')),
    ]);
    await batched('k', read({ id: 'a', version: 2 }));
    const asked = calls.map((call) => [call.query, (call.variables['__nexaraRefs'] as Ref[]).map((ref) => ref.id)]);
    expect(asked).toEqual([
      ['Q', ['a', 'b']],
      ['Q', ['c']],
      ['R', ['a']],
      ['Q', ['a']],
    ]);
  });

  it('answers null to every read of a batch that failed, so each is read alone', async () => {
    const failures: ((refs: Ref[]) => ExecutionResult)[] = [
      () => ({ errors: [new GraphQLError('busy', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] }),
      (refs) => ({ data: { __nexaraSubjects: refs.slice(1) } }),
      () => {
        throw new Error('socket hang up');
      },
    ];
    for (const failure of failures) {
      const batched = createReReadBatcher(runner(failure).run);
      await expect(
        Promise.all([batched('k', read({ id: 'a', version: 1 })), batched('k', read({ id: 'b', version: 1 }))]),
      ).resolves.toEqual([null, null]);
    }
  });
});
