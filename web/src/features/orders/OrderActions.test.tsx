import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { allowedOrderActions, validPrepMinutes } from './order-actions';
import { OrderActions } from './OrderActions';

describe('actions an order state allows', () => {
  it.each([
    ['RECEIVED', 'STAFF', ['ACCEPT', 'REJECT']],
    ['RECEIVED', 'MANAGER', ['ACCEPT', 'REJECT', 'CANCEL']],
    ['ACCEPTED', 'STAFF', ['MARK_PREPARING']],
    ['ACCEPTED', 'TENANT_ADMIN', ['MARK_PREPARING', 'CANCEL']],
    ['PREPARING', 'MANAGER', ['MARK_READY', 'CANCEL']],
    ['READY', 'STAFF', ['MARK_PICKED_UP']],
    ['PICKED_UP', 'PLATFORM_ADMIN', ['MARK_DELIVERED', 'CANCEL']],
    ['DELIVERED', 'TENANT_ADMIN', []],
    ['REJECTED', 'MANAGER', []],
    ['CANCELLED', 'MANAGER', []],
  ])('%s for %s: %j', (status, role, expected) => {
    expect(allowedOrderActions(status, role)).toEqual(expected);
  });

  it('takes prep times of 1 to 180 whole minutes', () => {
    expect([0, 1, 20, 180, 181, 2.5].map(validPrepMinutes)).toEqual([false, true, true, true, false, false]);
  });
});

describe('<OrderActions>', () => {
  // A client whose link answers nothing: these tests only render and click through forms, no mutation is sent.
  const client = new ApolloClient({ link: ApolloLink.empty(), cache: new InMemoryCache() });
  const renderActions = (status: string, role: string) =>
    render(
      <ApolloProvider client={client}>
        <OrderActions orderId="o-1" status={status} role={role} onDone={() => undefined} />
      </ApolloProvider>,
    );
  const buttonNames = () => screen.queryAllByRole('button').map((button) => button.textContent);

  it('offers accept, reject and (for managers) cancel on a new order', () => {
    renderActions('RECEIVED', 'MANAGER');
    expect(buttonNames()).toEqual(['Accept', 'Reject', 'Cancel order']);
  });

  it('offers only the next step to staff on an order in the kitchen', () => {
    renderActions('PREPARING', 'STAFF');
    expect(buttonNames()).toEqual(['Mark ready']);
  });

  it('says there is nothing left to do on a final order', () => {
    renderActions('DELIVERED', 'TENANT_ADMIN');
    expect(buttonNames()).toEqual([]);
    expect(screen.getByText(/nothing left to do/)).toBeTruthy();
  });

  it('asks for a prep time before accepting', () => {
    renderActions('RECEIVED', 'STAFF');
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    const prep = screen.getByLabelText('Ready in (minutes)') as HTMLSelectElement;
    expect(prep.value).toBe('20');
    expect(screen.getByRole('button', { name: 'Confirm accept' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(buttonNames()).toEqual(['Accept', 'Reject']);
  });

  it('will not reject without a reason', () => {
    renderActions('RECEIVED', 'STAFF');
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    const confirm = screen.getByRole('button', { name: 'Confirm reject' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'Out of stock' } });
    expect(confirm.disabled).toBe(false);
  });
});
