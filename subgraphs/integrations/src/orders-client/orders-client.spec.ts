import { classifyOrdersErrors } from './orders-client';

describe('orders error classification', () => {
  it.each([
    ['BAD_USER_INPUT', 'PERMANENT'],
    ['ARGUMENT_VALIDATION_ERROR', 'PERMANENT'],
    ['NOT_FOUND', 'TRANSIENT'],
    ['INTERNAL_SERVER_ERROR', 'TRANSIENT'],
    ['UNAUTHENTICATED', 'TRANSIENT'],
    ['GRAPHQL_VALIDATION_FAILED', 'TRANSIENT'],
    ['FORBIDDEN', 'TRANSIENT'],
  ])('treats %s as %s', (code, kind) => {
    const error = classifyOrdersErrors('applyProviderOrderEvent', [{ message: 'nope', extensions: { code } }]);
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`orders applyProviderOrderEvent refused: ${code}: nope`);
  });

  it('is permanent when any error is, and keeps every message', () => {
    const error = classifyOrdersErrors('applyProviderOrderEvent', [
      { message: 'slow', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      { message: 'bad total', extensions: { code: 'BAD_USER_INPUT' } },
    ]);
    expect(error.kind).toBe('PERMANENT');
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('slow');
    expect(error.message).toContain('bad total');
  });

  it('retries errors without a code', () => {
    const error = classifyOrdersErrors('autoAcceptOrder', [{ message: 42 }]);
    expect(error.kind).toBe('TRANSIENT');
    expect(error.code).toBeNull();
    expect(error.message).toBe('orders autoAcceptOrder refused: ERROR: no message');
  });
});
