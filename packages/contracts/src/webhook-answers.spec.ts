import { PROVIDERS } from '@nexara/kit';
import { answerStatusFor, errorBody, providerOfPathSegment, WEBHOOK_ERROR_CODES } from './webhook-answers';

const TALABAT_UNDERSTANDS = [200, 201, 202, 400, 401, 429, 500, 502];

describe('webhook answers', () => {
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
  ])('maps %i to %i for Talabat', (status, mapped) => {
    expect(answerStatusFor('TALABAT', status)).toBe(mapped);
  });

  it('only ever gives Talabat a status its middleware understands, for every status either side sends', () => {
    const statuses = [200, 202, ...Object.values(WEBHOOK_ERROR_CODES)];
    for (const status of statuses) {
      expect(TALABAT_UNDERSTANDS).toContain(answerStatusFor('TALABAT', status));
    }
  });

  it.each(PROVIDERS.filter((provider) => provider !== 'TALABAT'))(
    'keeps the documented statuses for %s',
    (provider) => {
      for (const status of [200, 202, ...Object.values(WEBHOOK_ERROR_CODES)])
        expect(answerStatusFor(provider, status)).toBe(status);
    },
  );

  it('writes refusals as {"error": {code, message}}', () => {
    expect(JSON.parse(errorBody('CONNECTION_PAUSED', 'Paused.'))).toEqual({
      error: { code: 'CONNECTION_PAUSED', message: 'Paused.' },
    });
  });

  it('reads the provider from a lower-case path segment only', () => {
    expect(providerOfPathSegment('talabat')).toBe('TALABAT');
    expect(providerOfPathSegment('deliveroo')).toBe('DELIVEROO');
    expect(providerOfPathSegment('TALABAT')).toBeNull();
    expect(providerOfPathSegment('del\u0131veroo')).toBeNull();
    expect(providerOfPathSegment('uber')).toBeNull();
  });
});
