import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { LiveStatus } from '../../common/apollo';
import { LiveStatusContext } from '../../common/live-status';
import { WorkspaceProvider } from '../../common/workspace';
import type { KitchenTicketFragment } from '../../gql/graphql';
import { fakeGateway, workspaceAnswer, type FakeGateway } from '../../testing/fake-gateway';
import { TicketPrinterProvider } from '../printing/TicketPrinter';
import { aTicketOrder } from '../printing/ticket.fixture';
import { aKitchenOrder, movedOn } from './kitchen-order.fixture';
import { UNDO_WINDOW_MS } from './kitchen-bump';
import { KitchenPage } from './KitchenPage';

// Conditions, not durations: on a machine shared with other builds a render can take more than the default second.
configure({ asyncUtilTimeout: 10_000 });

type Order = KitchenTicketFragment;

/** A gateway whose open orders are `open` (a live list the test changes), paged as the API pages them. */
function kitchenGateway(open: Order[], role = 'STAFF'): FakeGateway & { mutations: () => string[] } {
  const page = ({ first, after }: Record<string, unknown>) => {
    const start = after ? open.findIndex((o) => o.id === after) + 1 : 0;
    const slice = open.slice(start, start + (first as number));
    return {
      orders: {
        totalCount: open.length,
        edges: slice.map((node) => ({ node })),
        pageInfo: { hasNextPage: start + slice.length < open.length, endCursor: slice.at(-1)?.id ?? null },
      },
    };
  };
  const answer =
    (field: string, status: Order['status']) =>
    ({ id, prepMinutes }: Record<string, unknown>) => {
      const held = open.find((o) => o.id === id)!;
      const moved = {
        ...movedOn(held, status),
        ...(status === 'ACCEPTED' ? { acceptedAt: new Date().toISOString(), prepMinutes: prepMinutes as number } : {}),
      };
      open.splice(open.indexOf(held), 1, ...(status === 'PICKED_UP' ? [] : [moved]));
      return {
        [field]: {
          ...moved,
          externalId: 'x',
          total: { amount: 0, currency: 'SAR' },
          connection: { id: 'c', name: 'c' },
        },
      };
    };
  const gateway = fakeGateway({
    Workspace: () => workspaceAnswer(role),
    KitchenTickets: page,
    AcceptOrder: answer('acceptOrder', 'ACCEPTED'),
    MarkPreparing: answer('markPreparing', 'PREPARING'),
    MarkReady: answer('markReady', 'READY'),
    MarkPickedUp: answer('markPickedUp', 'PICKED_UP'),
    OrderDetail: ({ id }) => ({
      order: aTicketOrder({ id: id as string, displayCode: open.find((o) => o.id === id)?.displayCode ?? '?' }),
    }),
  });
  return {
    ...gateway,
    mutations: () =>
      gateway.calls
        .filter((call) => /^(Accept|Mark)/.test(call.operationName))
        .map((call) => `${call.operationName} ${call.variables['id'] as string}`),
  };
}

function renderKitchen(gateway: FakeGateway, live: LiveStatus = 'live') {
  const client = new ApolloClient({ link: gateway.link, cache: new InMemoryCache() });
  const ui = (status: LiveStatus) => (
    <ApolloProvider client={client}>
      <LiveStatusContext.Provider value={status}>
        <WorkspaceProvider>
          <TicketPrinterProvider>
            <KitchenPage />
          </TicketPrinterProvider>
        </WorkspaceProvider>
      </LiveStatusContext.Provider>
    </ApolloProvider>
  );
  const view = render(ui(live));
  return { ...view, setLive: (status: LiveStatus) => view.rerender(ui(status)) };
}

const column = (name: string) => screen.getByRole('region', { name });
const codesIn = (name: string) =>
  within(column(name))
    .queryAllByTestId('kitchen-ticket')
    .map((ticket) => ticket.getAttribute('aria-label')!.replace('Order ', ''));
const ticket = (code: string) => screen.getByRole('article', { name: `Order ${code}` });
const loaded = () => waitFor(() => expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('false'));

describe('<KitchenPage>', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => jest.useRealTimers());

  it('shows every open order in its column, oldest first, reading all pages', async () => {
    const placed = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const open = [
      ...Array.from({ length: 9 }, (_, i) => aKitchenOrder({ displayCode: `N-${i}`, placedAt: placed(20 - i) })),
      aKitchenOrder({
        displayCode: 'C-1',
        status: 'PREPARING',
        placedAt: placed(30),
        acceptedAt: placed(29),
        prepMinutes: 20,
      }),
      aKitchenOrder({ displayCode: 'R-1', status: 'READY', placedAt: placed(40) }),
    ];
    const gateway = kitchenGateway(open);
    renderKitchen(gateway);
    await loaded();
    expect(codesIn('New')).toEqual(['N-0', 'N-1', 'N-2', 'N-3', 'N-4', 'N-5', 'N-6', 'N-7', 'N-8']);
    expect(codesIn('Preparing')).toEqual(['C-1']);
    expect(codesIn('Ready')).toEqual(['R-1']);
    expect(codesIn('Accepted')).toEqual([]);
    expect(
      gateway.calls.filter((call) => call.operationName === 'KitchenTickets').map((c) => c.variables['first']),
    ).toEqual([8, 8]);
  });

  it('shows items, options and notes large, and Arabic names as Arabic', async () => {
    const order = aKitchenOrder({
      displayCode: 'AR-1',
      notes: 'Allergy: sesame',
      delivery: null,
      items: [
        {
          name: 'Chicken Shawarma Wrap | شاورما دجاج',
          quantity: 2,
          notes: 'No pickles',
          modifiers: [{ name: 'Large', quantity: 1, modifiers: [{ name: 'Extra garlic', quantity: 2 }] }],
        },
      ],
    });
    renderKitchen(kitchenGateway([order]));
    await loaded();
    const text = ticket('AR-1').textContent;
    for (const expected of [
      '#AR-1',
      'Pick-up',
      '2×',
      'Chicken Shawarma Wrap',
      'Large',
      '2×Extra garlic',
      'No pickles',
      'Allergy: sesame',
    ])
      expect(text).toContain(expected);
    const arabic = ticket('AR-1').querySelector('[lang="ar"]');
    expect([arabic?.textContent, arabic?.getAttribute('dir')]).toEqual(['شاورما دجاج', 'rtl']);
  });

  it('moves a tapped ticket at once, sends the mutation when the undo window has passed, and sends nothing when undone', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const cooking = aKitchenOrder({
      displayCode: 'B-1',
      status: 'ACCEPTED',
      acceptedAt: new Date().toISOString(),
      prepMinutes: 20,
    });
    const other = aKitchenOrder({
      displayCode: 'B-2',
      status: 'ACCEPTED',
      acceptedAt: new Date().toISOString(),
      prepMinutes: 20,
    });
    const gateway = kitchenGateway([cooking, other]);
    renderKitchen(gateway);
    await loaded();

    fireEvent.click(screen.getByRole('button', { name: 'Order B-1: mark preparing' }));
    expect(codesIn('Preparing')).toEqual(['B-1']);
    fireEvent.click(screen.getByRole('button', { name: 'Order B-2: mark preparing' }));
    fireEvent.click(screen.getByRole('button', { name: 'Undo the last change of order B-2' }));
    expect(codesIn('Accepted')).toEqual(['B-2']);
    expect(gateway.mutations()).toEqual([]);

    act(() => void jest.advanceTimersByTime(UNDO_WINDOW_MS));
    await waitFor(() => expect(gateway.mutations()).toEqual([`MarkPreparing ${cooking.id}`]));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Undo/ })).toBeNull());
    expect(codesIn('Preparing')).toEqual(['B-1']);
    expect(codesIn('Accepted')).toEqual(['B-2']);
  });

  it('accepts a new order with the prep time tapped, and two taps take a ticket two steps', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const order = aKitchenOrder({ displayCode: 'N-1' });
    const gateway = kitchenGateway([order]);
    renderKitchen(gateway);
    await loaded();
    expect(screen.queryByRole('button', { name: /Order N-1: mark/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Accept order N-1, ready in 20 minutes' }));
    expect(codesIn('Accepted')).toEqual(['N-1']);
    fireEvent.click(screen.getByRole('button', { name: 'Order N-1: mark preparing' }));
    // The second tap sent the accept at once; the step to preparing waits for its window.
    await waitFor(() => expect(gateway.mutations()).toEqual([`AcceptOrder ${order.id}`]));
    expect(gateway.calls.find((c) => c.operationName === 'AcceptOrder')?.variables['prepMinutes']).toBe(20);
    act(() => void jest.advanceTimersByTime(UNDO_WINDOW_MS));
    await waitFor(() => expect(gateway.mutations()).toEqual([`AcceptOrder ${order.id}`, `MarkPreparing ${order.id}`]));
    await waitFor(() => expect(codesIn('Preparing')).toEqual(['N-1']));
  });

  it('drops a bump whose order moved on meanwhile, and says so', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const order = aKitchenOrder({ displayCode: 'M-1', status: 'PREPARING', acceptedAt: new Date().toISOString() });
    const gateway = kitchenGateway([order]);
    renderKitchen(gateway);
    await loaded();
    fireEvent.click(screen.getByRole('button', { name: 'Order M-1: mark ready' }));
    // Another screen marks it ready first.
    act(() => gateway.push('KitchenTicketChanged', { orderChanged: movedOn(order, 'READY') }));
    act(() => void jest.advanceTimersByTime(UNDO_WINDOW_MS));
    expect((await screen.findByRole('alert')).textContent).toContain('Order #M-1 had already moved on (now Ready)');
    expect(gateway.mutations()).toEqual([]);
    expect(codesIn('Ready')).toEqual(['M-1']);
  });

  it('follows the live stream: new orders arrive, picked-up ones leave for Recall, cancelled ones stay until tapped', async () => {
    const waiting = aKitchenOrder({ displayCode: 'L-1', status: 'READY' });
    const cooking = aKitchenOrder({ displayCode: 'L-2', status: 'PREPARING' });
    const gateway = kitchenGateway([waiting, cooking]);
    renderKitchen(gateway);
    await loaded();
    await waitFor(() => expect(gateway.subscribers('KitchenTicketChanged')).toBe(1));

    const arriving = aKitchenOrder({ displayCode: 'L-3' });
    act(() => gateway.push('KitchenTicketChanged', { orderChanged: arriving }));
    act(() => gateway.push('KitchenTicketChanged', { orderChanged: movedOn(waiting, 'PICKED_UP') }));
    act(() => gateway.push('KitchenTicketChanged', { orderChanged: movedOn(cooking, 'CANCELLED') }));
    expect(codesIn('New')).toEqual(['L-3']);
    expect(codesIn('Ready')).toEqual([]);
    expect(ticket('L-2').getAttribute('data-status')).toBe('CANCELLED');

    fireEvent.click(screen.getByRole('button', { name: 'Clear cancelled order L-2' }));
    expect(codesIn('Preparing')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Recall' }));
    const recall = screen.getByRole('dialog', { name: 'Tickets that left the board' });
    expect(
      within(recall)
        .getAllByTestId('recalled-ticket')
        .map((t) => t.textContent?.match(/#L-\d/)?.[0]),
    ).toEqual(['#L-2', '#L-1']);
    expect(within(recall).getAllByRole('button', { name: 'Print ticket' })).toHaveLength(2);
  });

  it('colours a ticket by its time against the promised ready time', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const now = Date.now();
    const order = aKitchenOrder({
      displayCode: 'T-1',
      status: 'PREPARING',
      placedAt: new Date(now - 60_000).toISOString(),
      acceptedAt: new Date(now).toISOString(),
      prepMinutes: 10,
    });
    renderKitchen(kitchenGateway([order]));
    await loaded();
    const head = () => ticket('T-1').querySelector('header')!;
    expect(head().getAttribute('data-urgency')).toBe('ok');
    // (The minute re-reads run meanwhile: let them finish inside act.)
    await act(async () => void jest.advanceTimersByTime(7.5 * 60_000));
    expect(head().getAttribute('data-urgency')).toBe('warn');
    await act(async () => void jest.advanceTimersByTime(2.5 * 60_000));
    expect(head().getAttribute('data-urgency')).toBe('late');
    expect(within(ticket('T-1')).getByRole('timer').textContent).toBe('11:00');
  });

  it('reads the open orders again when the connection comes back, so nothing missed stays missed', async () => {
    const gone = aKitchenOrder({ displayCode: 'G-1', status: 'READY' });
    const open = [gone];
    const gateway = kitchenGateway(open);
    const view = renderKitchen(gateway, 'live');
    await loaded();
    expect(codesIn('Ready')).toEqual(['G-1']);

    view.setLive('reconnecting');
    // While the socket was down: G-1 was picked up, a new order came in. No event reached us.
    open.splice(0, 1, aKitchenOrder({ displayCode: 'G-2' }));
    view.setLive('live');
    await waitFor(() => expect(codesIn('New')).toEqual(['G-2']));
    expect(codesIn('Ready')).toEqual([]);
  });

  it('leaves no timer behind when it closes, and sends a bump still in its undo window', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const order = aKitchenOrder({ displayCode: 'Z-1', status: 'READY' });
    const gateway = kitchenGateway([order]);
    const view = renderKitchen(gateway);
    await loaded();
    fireEvent.click(screen.getByRole('button', { name: 'Order Z-1: mark picked up' }));
    view.unmount();
    // Ten minutes on: one-shot timers (Apollo's deferred unsubscribes) have run; an interval or a
    // self-renewing retry left behind would still be registered.
    act(() => void jest.advanceTimersByTime(10 * 60_000));
    expect(jest.getTimerCount()).toBe(0);
    await waitFor(() => expect(gateway.mutations()).toEqual([`MarkPickedUp ${order.id}`]));
  });

  describe('auto-print', () => {
    let printed: string[];
    beforeEach(() => {
      printed = [];
      window.print = jest.fn(() => {
        printed.push(screen.getByTestId('print-root').querySelector('.ticket-code')?.textContent ?? '?');
        window.dispatchEvent(new Event('afterprint'));
      });
    });

    it('is off until turned on; then prints each newly accepted order once on this device, reloads included', async () => {
      const cooking = aKitchenOrder({ displayCode: 'P-1', status: 'PREPARING' });
      const waiting = aKitchenOrder({ displayCode: 'P-2' });
      const open = [cooking, waiting];
      const gateway = kitchenGateway(open);
      const first = renderKitchen(gateway);
      await loaded();
      const toggle = screen.getByRole('button', { name: 'Auto-print' });
      expect(toggle.getAttribute('aria-pressed')).toBe('false');
      act(() => gateway.push('KitchenTicketChanged', { orderChanged: movedOn(waiting, 'ACCEPTED') }));
      expect(printed).toEqual([]);

      fireEvent.click(toggle);
      expect(toggle.getAttribute('aria-pressed')).toBe('true');
      // P-1 and P-2 were already in progress when it was turned on: not printed.
      const third = aKitchenOrder({ displayCode: 'P-3' });
      open.push(third);
      act(() => gateway.push('KitchenTicketChanged', { orderChanged: third }));
      act(() => gateway.push('KitchenTicketChanged', { orderChanged: movedOn(third, 'ACCEPTED') }));
      await waitFor(() => expect(printed).toEqual(['#P-3']));
      act(() => gateway.push('KitchenTicketChanged', { orderChanged: movedOn(third, 'PREPARING') }));

      // A reload: the setting and the ledger are the device's.
      first.unmount();
      const fourth = aKitchenOrder({ displayCode: 'P-4', status: 'ACCEPTED' });
      const again = kitchenGateway([cooking, movedOn(waiting, 'ACCEPTED'), movedOn(third, 'PREPARING'), fourth]);
      renderKitchen(again);
      await loaded();
      expect(screen.getByRole('button', { name: 'Auto-print' }).getAttribute('aria-pressed')).toBe('true');
      await waitFor(() => expect(printed).toEqual(['#P-3', '#P-4']));
    });
  });
});
