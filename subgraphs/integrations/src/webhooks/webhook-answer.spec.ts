import { PROVIDERS } from '@nexara/kit';
import { answerStatusFor, errorBody } from './webhook-answer';

const TALABAT_UNDERSTANDS = [200, 201, 202, 400, 401, 429, 500, 502];

describe('webhook answers', () => {
  it.each([
    [404, 400],
    [409, 400],
    [400, 400],
    [401, 401],
    [200, 200],
    [202, 202],
  ])('maps %i to %i for Talabat', (status, mapped) => {
    expect(answerStatusFor('TALABAT', status)).toBe(mapped);
  });

  it('only ever gives Talabat a status its middleware understands', () => {
    for (const status of [200, 202, 400, 401, 404, 409]) {
      expect(TALABAT_UNDERSTANDS).toContain(answerStatusFor('TALABAT', status));
    }
  });

  it.each(PROVIDERS.filter((provider) => provider !== 'TALABAT'))(
    'keeps the documented statuses for %s',
    (provider) => {
      for (const status of [200, 202, 400, 401, 404, 409]) expect(answerStatusFor(provider, status)).toBe(status);
    },
  );

  it('writes refusals as {"error": {code, message}}', () => {
    expect(JSON.parse(errorBody('CONNECTION_PAUSED', 'Paused.'))).toEqual({
      error: { code: 'CONNECTION_PAUSED', message: 'Paused.' },
    });
  });
});
