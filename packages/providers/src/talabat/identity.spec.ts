import { answerStatusFor, providerOfPathSegment } from '../display';
import { WEBHOOK_ERROR_STATUSES } from '../common/test-support';

const TALABAT_UNDERSTANDS = [200, 201, 202, 400, 401, 429, 500, 502];

describe('Talabat identity', () => {
  it.each([
    [404, 400],
    [409, 400],
    [413, 400],
    [415, 400],
    [503, 500],
    [400, 400],
    [401, 401],
    [200, 200],
    [202, 202],
  ])('maps %i to %i', (status, mapped) => {
    expect(answerStatusFor('TALABAT', status)).toBe(mapped);
  });

  it('only ever gives Talabat a status its middleware understands, for every status either side sends', () => {
    for (const status of [200, 202, ...WEBHOOK_ERROR_STATUSES]) {
      expect(TALABAT_UNDERSTANDS).toContain(answerStatusFor('TALABAT', status));
    }
  });

  it('is named by its lower-case path segment only', () => {
    expect(providerOfPathSegment('talabat')).toBe('TALABAT');
    expect(providerOfPathSegment('TALABAT')).toBeNull();
  });
});
