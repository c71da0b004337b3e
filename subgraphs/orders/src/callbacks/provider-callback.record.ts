import { appError } from '@nexara/kit';
import { providerIdentity, type Provider } from '@nexara/providers/display';
import type { CallbackOutcome } from './order-callback.entity';

export const MAX_CALLBACK_ACTION_LENGTH = 50;
/** Provider error bodies can be long; the start says what went wrong, the rest would only bloat the timeline. */
export const MAX_CALLBACK_DETAIL_LENGTH = 1000;
const MAX_ATTEMPT = 1000;

export type ProviderCallbackRecordInput = {
  action: string;
  outcome: CallbackOutcome;
  attempt: number;
  httpStatus?: number | null;
  detail?: string | null;
};

export type ProviderCallbackRecord = {
  action: string;
  outcome: CallbackOutcome;
  attempt: number;
  httpStatus: number | null;
  detail: string | null;
};

/** Checks what the worker reports; a detail that is too long is cut rather than refused, so the outcome is never lost. */
export function validateProviderCallbackRecord(input: ProviderCallbackRecordInput): ProviderCallbackRecord {
  const problems: string[] = [];
  const action = input.action.trim();
  if (!action) problems.push('action must not be empty');
  else if (action.length > MAX_CALLBACK_ACTION_LENGTH)
    problems.push(`action must be at most ${MAX_CALLBACK_ACTION_LENGTH} characters`);
  if (!Number.isInteger(input.attempt) || input.attempt < 0 || input.attempt > MAX_ATTEMPT) {
    problems.push(`attempt must be a whole number from 0 (no call made) to ${MAX_ATTEMPT}`);
  }
  const httpStatus = input.httpStatus ?? null;
  if (httpStatus !== null && (!Number.isInteger(httpStatus) || httpStatus < 100 || httpStatus > 599)) {
    problems.push('httpStatus must be an HTTP status code from 100 to 599');
  }
  if (problems.length > 0) {
    throw appError('BAD_USER_INPUT', `The callback record is not valid: ${problems.join('; ')}.`, { problems });
  }
  const detail = input.detail?.trim() || null;
  return {
    action,
    outcome: input.outcome,
    attempt: input.attempt,
    httpStatus,
    detail:
      detail && detail.length > MAX_CALLBACK_DETAIL_LENGTH
        ? `${detail.slice(0, MAX_CALLBACK_DETAIL_LENGTH - 1)}…`
        : detail,
  };
}

/**
 * The timeline entry a callback outcome adds, or null: staff see that the
 * provider was told, that it could not be, or that it has no such call.
 * A retry in progress is only a row in the callbacks list.
 */
export function callbackTimelineNote(provider: Provider, record: ProviderCallbackRecord): string | null {
  const http = record.httpStatus === null ? null : `HTTP ${record.httpStatus}`;
  switch (record.outcome) {
    case 'DELIVERED':
      return `Provider told: ${record.action}${http ? ` (${http})` : ''}`;
    case 'FAILED': {
      const attempts = `${record.attempt} attempt${record.attempt === 1 ? '' : 's'}`;
      const reason = [http, record.detail].filter((part): part is string => part !== null).join(': ');
      return `Provider callback ${record.action} failed after ${attempts}${reason ? `: ${reason}` : ''}`;
    }
    case 'NOT_SUPPORTED':
      return `${providerIdentity(provider).name} has no callback for ${record.action}`;
    case 'RETRYING':
      return null;
  }
}
