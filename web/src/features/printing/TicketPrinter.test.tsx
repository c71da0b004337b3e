import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { act, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { WorkspaceProvider } from '../../common/workspace';
import { fakeGateway, workspaceAnswer } from '../../testing/fake-gateway';
import { PrintTicketButton } from './PrintTicketButton';
import { aTicketOrder } from './ticket.fixture';
import { PRINTING_CLASS, TicketPrinterProvider } from './TicketPrinter';

// Conditions, not durations: on a machine shared with other builds a render can take more than the default second.
configure({ asyncUtilTimeout: 10_000 });

function renderPrinter(orders: Record<string, ReturnType<typeof aTicketOrder>>) {
  const gateway = fakeGateway({
    Workspace: () => workspaceAnswer('STAFF', { name: 'Harbor Grill', currency: 'KWD', timeZone: 'Asia/Kuwait' }),
    OrderDetail: ({ id }) => {
      const order = orders[id as string];
      if (!order) throw new GraphQLError('No order of your tenant has this id.', { extensions: { code: 'NOT_FOUND' } });
      return { order };
    },
  });
  render(
    <ApolloProvider client={new ApolloClient({ link: gateway.link, cache: new InMemoryCache() })}>
      <WorkspaceProvider>
        <TicketPrinterProvider>
          {Object.keys(orders).map((id) => (
            <PrintTicketButton key={id} orderId={id} />
          ))}
          <PrintTicketButton orderId="missing" />
        </TicketPrinterProvider>
      </WorkspaceProvider>
    </ApolloProvider>,
  );
  return gateway;
}

const printRoot = () => screen.getByTestId('print-root');
const pageRule = () => [...document.head.querySelectorAll('style')].map((style) => style.textContent).join('\n');

describe('<TicketPrinterProvider> and the 80 mm ticket', () => {
  let printed: string[];
  beforeEach(() => {
    printed = [];
    // The browser's print dialog: record what the ticket said when print was called.
    window.print = jest.fn(() => printed.push(printRoot().textContent ?? ''));
  });

  it('lays the ticket out alone on an 80 mm page, prints it, and tidies up when the browser is done', async () => {
    renderPrinter({ 'order-1': aTicketOrder() });
    const [button] = await screen.findAllByRole('button', { name: 'Print ticket' });
    fireEvent.click(button!);
    await waitFor(() => expect(window.print).toHaveBeenCalledTimes(1));

    expect(document.body.classList.contains(PRINTING_CLASS)).toBe(true);
    expect(pageRule()).toMatch(/@page \{ size: 80mm \d+mm; margin: 0; \}/);
    const ticket = screen.getByRole('article', { name: 'Ticket for order K-417' });
    const text = ticket.textContent ?? '';
    for (const expected of ['Harbor Grill', '#K-417', 'DELIVERY · Deliveroo', '2×', 'Chicken Shawarma Wrap', '3.500']) {
      expect(text).toContain(expected);
    }
    // Money keeps the KWD exponent; the discount is negative; the currency is named on the total.
    expect(text).toContain('+0.750');
    expect(text).toContain('-0.250');
    expect(text).toMatch(/TotalKWD\s5\.000/);
    expect(text).toContain('CASH · TO COLLECT');
    expect(text).toContain('» No pickles');
    expect(text).toContain('Ring the bell twice');
    // Times in the tenant's zone (Kuwait, UTC+3): accepted 13:00, ready by 13:15.
    expect(text).toMatch(/Accepted13:00Ready by13:15/);
    // Arabic names are shown as Arabic: their own right-to-left line.
    const arabic = [...ticket.querySelectorAll('[lang="ar"]')].map((el) => [el.textContent, el.getAttribute('dir')]);
    expect(arabic).toEqual([
      ['شاورما دجاج', 'rtl'],
      ['اجعلها وجبة', 'rtl'],
      ['لبن', 'rtl'],
    ]);
    expect(ticket.querySelector('dd[dir="auto"]')?.textContent).toBe('فاطمة الحربي');

    act(() => void window.dispatchEvent(new Event('afterprint')));
    await waitFor(() => expect(printRoot().textContent).toBe(''));
    expect(document.body.classList.contains(PRINTING_CLASS)).toBe(false);
    expect(pageRule()).not.toContain('80mm');
  });

  it('prints one ticket at a time, in the order asked', async () => {
    renderPrinter({
      'order-1': aTicketOrder(),
      'order-2': aTicketOrder({ id: 'order-2', displayCode: 'K-418', delivery: null }),
    });
    const buttons = await screen.findAllByRole('button', { name: 'Print ticket' });
    fireEvent.click(buttons[0]!);
    fireEvent.click(buttons[1]!);
    await waitFor(() => expect(printed).toHaveLength(1));
    expect(printed[0]).toContain('#K-417');
    act(() => void window.dispatchEvent(new Event('afterprint')));
    await waitFor(() => expect(printed).toHaveLength(2));
    expect(printed[1]).toContain('#K-418');
    expect(printed[1]).toContain('PICK-UP');
    act(() => void window.dispatchEvent(new Event('afterprint')));
    await waitFor(() => expect(printRoot().textContent).toBe(''));
  });

  it('says why when the order cannot be read, and prints nothing', async () => {
    renderPrinter({});
    fireEvent.click(await screen.findByRole('button', { name: 'Print ticket' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not print: No order of your tenant has this id.',
    );
    expect(window.print).not.toHaveBeenCalled();
  });
});
