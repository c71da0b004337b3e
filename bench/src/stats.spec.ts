import { medianPair } from './stats';

describe('medianPair', () => {
  const pairs = (...ratios: (number | null)[]) => ratios.map((ratio, measured) => ({ ratio, measured }));

  it('picks the pair whose ratio is the middle one, whatever order they were measured in', () => {
    expect(medianPair(pairs(0.62, 0.41, 0.5))).toEqual({ ratio: 0.5, measured: 2 });
    expect(medianPair(pairs(0.27, 0.46, 0.48, 0.9, 0.52))).toEqual({ ratio: 0.48, measured: 2 });
  });

  it('of an even count, takes the lower middle pair (the cautious one)', () => {
    expect(medianPair(pairs(0.6, 0.3, 0.5, 0.4))).toEqual({ ratio: 0.4, measured: 3 });
  });

  it('counts a pair without a ratio (the baseline measured nothing) as the lowest', () => {
    expect(medianPair(pairs(null, 0.5, 0.7))).toEqual({ ratio: 0.5, measured: 1 });
    expect(medianPair(pairs(null, null, 0.7))).toEqual({ ratio: null, measured: 1 });
  });

  it('of one pair, is that pair; of none, refuses', () => {
    expect(medianPair(pairs(0.33))).toEqual({ ratio: 0.33, measured: 0 });
    expect(() => medianPair([])).toThrow('no measured pair');
  });
});
