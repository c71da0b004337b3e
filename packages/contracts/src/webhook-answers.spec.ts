import { PROVIDER_IDENTITIES, PROVIDERS } from '@nexara/providers/display';
import { answerStatusFor, errorBody, providerOfPathSegment, WEBHOOK_ERROR_CODES } from './webhook-answers';

const EVERY_STATUS = [200, 202, ...Object.values(WEBHOOK_ERROR_CODES)];

describe('webhook answers', () => {
  it.each(PROVIDERS)('answers %s with its own mapping of each status, else the status itself', (provider) => {
    const mapping: Readonly<Record<number, number>> = PROVIDER_IDENTITIES.find(
      (identity) => identity.code === provider,
    )!.answerStatuses;
    for (const status of EVERY_STATUS) expect(answerStatusFor(provider, status)).toBe(mapping[status] ?? status);
  });

  it('writes refusals as {"error": {code, message}}', () => {
    expect(JSON.parse(errorBody('CONNECTION_PAUSED', 'Paused.'))).toEqual({
      error: { code: 'CONNECTION_PAUSED', message: 'Paused.' },
    });
  });

  it.each(PROVIDER_IDENTITIES)('reads $code from its lower-case path segment only', (identity) => {
    expect(providerOfPathSegment(identity.pathSegment)).toBe(identity.code);
    expect(providerOfPathSegment(identity.pathSegment.toUpperCase())).toBeNull();
    expect(providerOfPathSegment(`${identity.pathSegment}.`)).toBeNull();
  });

  it('reads no provider from a segment no provider has', () => {
    expect(providerOfPathSegment('uber')).toBeNull();
    expect(providerOfPathSegment('')).toBeNull();
  });
});
