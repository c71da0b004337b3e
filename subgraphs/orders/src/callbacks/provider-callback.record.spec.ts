import { GraphQLError } from 'graphql';
import type { Provider } from '@nexara/providers/display';
import {
  callbackTimelineNote,
  MAX_CALLBACK_DETAIL_LENGTH,
  validateProviderCallbackRecord,
  type ProviderCallbackRecordInput,
} from './provider-callback.record';

function problemsOf(input: ProviderCallbackRecordInput): string[] {
  try {
    validateProviderCallbackRecord(input);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === 'BAD_USER_INPUT')
      return error.extensions['problems'] as string[];
    throw error;
  }
  return [];
}

describe(validateProviderCallbackRecord.name, () => {
  it('trims, turns a blank detail into null and keeps the rest', () => {
    expect(
      validateProviderCallbackRecord({
        action: ' READY ',
        outcome: 'RETRYING',
        attempt: 2,
        httpStatus: 503,
        detail: '  ',
      }),
    ).toEqual({
      action: 'READY',
      outcome: 'RETRYING',
      attempt: 2,
      httpStatus: 503,
      detail: null,
    });
  });

  it('cuts a long detail instead of refusing the record', () => {
    const record = validateProviderCallbackRecord({
      action: 'READY',
      outcome: 'FAILED',
      attempt: 6,
      detail: 'x'.repeat(5000),
    });
    expect(record.detail).toHaveLength(MAX_CALLBACK_DETAIL_LENGTH);
    expect(record.detail?.endsWith('…')).toBe(true);
  });

  it('lists every problem at once', () => {
    expect(problemsOf({ action: ' ', outcome: 'FAILED', attempt: -1, httpStatus: 42 })).toEqual([
      'action must not be empty',
      'attempt must be a whole number from 0 (no call made) to 1000',
      'httpStatus must be an HTTP status code from 100 to 599',
    ]);
    expect(problemsOf({ action: 'A'.repeat(51), outcome: 'DELIVERED', attempt: 1.5 })).toEqual([
      'action must be at most 50 characters',
      'attempt must be a whole number from 0 (no call made) to 1000',
    ]);
  });
});

describe(callbackTimelineNote.name, () => {
  const note = (provider: Provider, input: ProviderCallbackRecordInput) =>
    callbackTimelineNote(provider, validateProviderCallbackRecord(input));

  it.each<[string, Provider, ProviderCallbackRecordInput, string | null]>([
    [
      'delivered with status',
      'CAREEM',
      { action: 'ACCEPTED', outcome: 'DELIVERED', attempt: 1, httpStatus: 200 },
      'Provider told: ACCEPTED (HTTP 200)',
    ],
    [
      'delivered without status',
      'JAHEZ',
      { action: 'READY', outcome: 'DELIVERED', attempt: 2 },
      'Provider told: READY',
    ],
    [
      'failed with status',
      'DELIVEROO',
      { action: 'ACCEPTED', outcome: 'FAILED', attempt: 6, httpStatus: 500 },
      'Provider callback ACCEPTED failed after 6 attempts: HTTP 500',
    ],
    [
      'failed with status and detail',
      'DELIVEROO',
      { action: 'REJECTED', outcome: 'FAILED', attempt: 1, httpStatus: 422, detail: 'unknown reason code' },
      'Provider callback REJECTED failed after 1 attempt: HTTP 422: unknown reason code',
    ],
    [
      'failed without an answer',
      'CAREEM',
      { action: 'READY', outcome: 'FAILED', attempt: 6, detail: 'connect ECONNREFUSED 127.0.0.1:9' },
      'Provider callback READY failed after 6 attempts: connect ECONNREFUSED 127.0.0.1:9',
    ],
    [
      'not supported',
      'TALABAT',
      { action: 'PREPARING', outcome: 'NOT_SUPPORTED', attempt: 0 },
      'Talabat has no callback for PREPARING',
    ],
    [
      'retrying: no timeline entry',
      'TALABAT',
      { action: 'ACCEPTED', outcome: 'RETRYING', attempt: 3, httpStatus: 503 },
      null,
    ],
  ])('%s', (_case, provider, input, expected) => {
    expect(note(provider, input)).toBe(expected);
  });
});
