import type { WebhookEventFilterInput } from '../../gql/graphql';
import { nextDate, startOfZonedDay } from '../../ui/time';

export type WebhookEventFilterState = {
  status: string;
  provider: string;
  connectionId: string;
  fromDate: string;
  toDate: string;
};

export const EMPTY_EVENT_FILTER: WebhookEventFilterState = {
  status: '',
  provider: '',
  connectionId: '',
  fromDate: '',
  toDate: '',
};

export function toWebhookEventFilterInput(state: WebhookEventFilterState, timeZone: string): WebhookEventFilterInput {
  return {
    status: state.status ? ([state.status] as WebhookEventFilterInput['status']) : null,
    provider: state.provider ? ([state.provider] as WebhookEventFilterInput['provider']) : null,
    connectionId: state.connectionId || null,
    from: state.fromDate ? startOfZonedDay(state.fromDate, timeZone) : null,
    to: state.toDate ? startOfZonedDay(nextDate(state.toDate), timeZone) : null,
  };
}

/** Pretty JSON when the payload is JSON, else the text as received. */
export function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/** Only FAILED and DEAD deliveries can be put back in the queue. */
export function canReplay(status: string): boolean {
  return status === 'FAILED' || status === 'DEAD';
}
