import { responseOf } from './callback-sender';

describe('responseOf', () => {
  it('is delivered on 2xx', () => {
    expect(responseOf({ kind: 'answered', status: 204 })).toEqual({ ok: true, status: 204 });
  });

  it.each([
    [302, 'HTTP 302: redirect not followed'],
    [401, 'HTTP 401: the provider refused the call'],
    [429, 'HTTP 429: rate limited by the provider'],
    [503, 'HTTP 503: the provider failed'],
  ])('keeps only the status and our own words for %s', (status, detail) => {
    expect(responseOf({ kind: 'answered', status })).toEqual({ ok: false, status, detail });
  });

  it('fails a refused target for good, naming the rule', () => {
    expect(
      responseOf({ kind: 'refused', refusal: { rule: 'link-local', message: 'points at 169.254.169.254' } }),
    ).toEqual({ ok: false, status: null, detail: 'refused by the egress policy: link-local', refused: true });
  });

  it('says what went wrong on the network in our words', () => {
    expect(responseOf({ kind: 'failed', reason: 'connection refused' })).toEqual({
      ok: false,
      status: null,
      detail: 'not delivered: connection refused',
    });
  });
});
