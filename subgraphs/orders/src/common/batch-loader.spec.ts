import { BatchLoader } from './batch-loader';

describe(BatchLoader.name, () => {
  it('loads keys asked for in the same tick with one call, each caller getting its own value', async () => {
    const calls: string[][] = [];
    const sut = new BatchLoader<string, string>(
      async (keys) => {
        calls.push(keys);
        return new Map(keys.filter((key) => key !== 'missing').map((key) => [key, key.toUpperCase()]));
      },
      () => 'fallback',
    );
    const values = await Promise.all([sut.load('a'), sut.load('b'), sut.load('a'), sut.load('missing')]);
    expect(values).toEqual(['A', 'B', 'A', 'fallback']);
    expect(calls).toEqual([['a', 'b', 'missing']]);
  });

  it('does not cache between batches', async () => {
    let version = 0;
    const sut = new BatchLoader<string, number>(
      async (keys) => new Map(keys.map((key) => [key, version])),
      () => -1,
    );
    expect(await sut.load('x')).toBe(0);
    version = 1;
    expect(await sut.load('x')).toBe(1);
  });

  it('rejects every caller of a failed batch', async () => {
    const sut = new BatchLoader<string, number>(
      async () => {
        throw new Error('database down');
      },
      () => -1,
    );
    await expect(Promise.all([sut.load('a'), sut.load('b')])).rejects.toThrow('database down');
  });
});
