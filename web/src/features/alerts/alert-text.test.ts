import type { AlertFieldsFragment } from '../../gql/graphql';
import { actorName, groupAlerts, localizeMessage } from './alert-text';

const alert = (id: string, rule: string): AlertFieldsFragment =>
  ({
    __typename: 'Alert',
    id,
    rule,
    status: 'OPEN',
    message: `${rule} ${id}`,
    subjectType: 'Order',
    subjectId: id,
    openedAt: '2026-03-12T11:00:00.000Z',
    lastSeenAt: '2026-03-12T11:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    connection: null,
    order: null,
  }) as unknown as AlertFieldsFragment;

describe('alert messages', () => {
  it("shows the API's UTC instants in the tenant's time zone", () => {
    const message = localizeMessage(
      'Order 0W1W-0 is still unanswered and the provider gives up at 2026-03-12T11:05:00.000Z: accept or reject it now.',
      'Asia/Riyadh',
    );
    // 11:05 UTC is 14:05 in Riyadh (the date's format is the browser's locale).
    expect(message).toMatch(/^Order 0W1W-0 is still unanswered and the provider gives up at .*2026, 14:05: accept/);
    expect(message).not.toContain('T11:05');
    expect(localizeMessage('No delivery for 90 minutes.', 'Asia/Riyadh')).toBe('No delivery for 90 minutes.');
  });

  it('names who acted, never with a raw id', () => {
    const names = new Map([['5ee8bd76-0000-4000-8000-000000000001', 'Reem Al-Harbi']]);
    expect(actorName('user:5ee8bd76-0000-4000-8000-000000000001', names)).toBe('Reem Al-Harbi');
    expect(actorName('user:00000000-0000-4000-8000-00000000000f', names)).toBe('a teammate');
    expect(actorName('system:cause-cleared', names)).toBe('Nexara (the cause cleared)');
  });
});

describe('grouping alerts', () => {
  it('folds acceptance-at-risk alerts into one entry where the first was, and keeps the rest as they are', () => {
    const items = groupAlerts([
      alert('a', 'ACCEPTANCE_AT_RISK'),
      alert('b', 'DEAD_LETTERS'),
      alert('c', 'ACCEPTANCE_AT_RISK'),
      alert('d', 'ACCEPTANCE_AT_RISK'),
    ]);
    expect(items.map((item) => (item.kind === 'group' ? item.alerts.map((a) => a.id) : item.alert.id))).toEqual([
      ['a', 'c', 'd'],
      'b',
    ]);
  });

  it('leaves a single at-risk alert on its own', () => {
    expect(groupAlerts([alert('a', 'ACCEPTANCE_AT_RISK')])).toEqual([
      { kind: 'alert', alert: alert('a', 'ACCEPTANCE_AT_RISK') },
    ]);
  });
});
