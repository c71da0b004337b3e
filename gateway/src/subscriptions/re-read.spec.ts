import { GraphQLError, type ExecutionResult } from 'graphql';
import { checkWithRetries, reReadWithRetries } from './re-read';

const failure = (code: string): ExecutionResult => ({ errors: [new GraphQLError('no', { extensions: { code } })] });
const found: ExecutionResult = { data: { __nexaraSubject: { id: 'a' } } };

/** A read that answers `answers` in turn, counting its calls. */
function reads(...answers: (ExecutionResult | Error)[]) {
  let calls = 0;
  return jest.fn(async (): Promise<ExecutionResult> => {
    const answer = answers[Math.min(calls++, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

describe('reReadWithRetries', () => {
  const pauses: number[] = [];
  const pause = async (ms: number) => void pauses.push(ms);
  beforeEach(() => (pauses.length = 0));

  it('tries again after a transient failure, pausing longer each time', async () => {
    const read = reads(failure('GATEWAY_TIMEOUT'), new Error('timeout exceeded when trying to connect'), found);
    await expect(reReadWithRetries(read, [1, 2, 3], pause)).resolves.toBe(found);
    expect(read).toHaveBeenCalledTimes(3);
    expect(pauses).toEqual([1, 2]);
  });

  it('takes a final answer at once', async () => {
    for (const code of ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']) {
      const read = reads(failure(code), found);
      await expect(reReadWithRetries(read, [1, 2, 3], pause)).resolves.toEqual(failure(code));
      expect(read).toHaveBeenCalledTimes(1);
    }
    const read = reads(found);
    await expect(reReadWithRetries(read, [1], pause)).resolves.toBe(found);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('gives up after the last pause and settles with the failure', async () => {
    const read = reads(failure('INTERNAL_SERVER_ERROR'));
    const result = await reReadWithRetries(read, [1, 2, 3], pause);
    expect(read).toHaveBeenCalledTimes(4);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('checkWithRetries', () => {
  const pauses: number[] = [];
  const pause = async (ms: number) => void pauses.push(ms);
  beforeEach(() => (pauses.length = 0));

  /** A check that throws `failures` times, then answers `answer`. */
  const checks = (failures: number, answer: boolean) => {
    let calls = 0;
    return jest.fn(async () => {
      if (calls++ < failures) throw new Error('sessionActive failed: timeout');
      return answer;
    });
  };

  it('asks again while the check cannot answer, then takes its answer', async () => {
    const check = checks(2, true);
    await expect(checkWithRetries(check, [1, 2, 3], pause)).resolves.toBe(true);
    expect(check).toHaveBeenCalledTimes(3);
    expect(pauses).toEqual([1, 2]);
  });

  it('takes a "no" at once', async () => {
    const check = checks(0, false);
    await expect(checkWithRetries(check, [1, 2, 3], pause)).resolves.toBe(false);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('rejects when no try answered, after the last pause', async () => {
    const check = checks(10, true);
    await expect(checkWithRetries(check, [1, 2, 3], pause)).rejects.toThrow('sessionActive failed');
    expect(check).toHaveBeenCalledTimes(4);
    expect(pauses).toEqual([1, 2, 3]);
  });
});
