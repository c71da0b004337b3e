import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { Observable } from 'rxjs';
import { WorkspaceProvider } from '../../common/workspace';
import { UsersSection } from './UsersSection';

const tenant = {
  __typename: 'Tenant',
  id: 't-1',
  name: 'Bistro',
  slug: 'bistro',
  currency: 'AED',
  timeZone: 'Asia/Dubai',
};
const person = (id: string, role: string) => ({
  __typename: 'User',
  id,
  email: `${id}@example.test`,
  name: id,
  role,
  disabled: false,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** A link standing in for the gateway: answers by operation name and records the role changes asked for. */
function gateway(setUserRole: (variables: Record<string, unknown>) => unknown) {
  const answers: Record<string, (variables: Record<string, unknown>) => unknown> = {
    Workspace: () => ({
      me: { ...person('me', 'TENANT_ADMIN'), tenant: { __typename: 'Tenant', id: 't-1', name: 'Bistro' } },
      tenant,
    }),
    Users: () => ({ users: [person('me', 'TENANT_ADMIN'), person('cook', 'STAFF'), person('ops', 'PLATFORM_ADMIN')] }),
    SetUserRole: setUserRole,
  };
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        try {
          observer.next({ data: answers[operation.operationName!]!(operation.variables) as Record<string, unknown> });
        } catch (error) {
          observer.next({ errors: [error as GraphQLError] });
        }
        observer.complete();
      }),
  );
}

const renderUsers = (setUserRole: (variables: Record<string, unknown>) => unknown) =>
  render(
    <ApolloProvider client={new ApolloClient({ link: gateway(setUserRole), cache: new InMemoryCache() })}>
      <WorkspaceProvider>
        <UsersSection />
      </WorkspaceProvider>
    </ApolloProvider>,
  );

describe('<UsersSection> role selector', () => {
  it('offers a role selector for other users only, never for yourself or a platform admin', async () => {
    renderUsers(() => null);
    await screen.findByLabelText('Role of cook@example.test');
    expect(screen.queryByLabelText('Role of me@example.test')).toBeNull();
    expect(screen.queryByLabelText('Role of ops@example.test')).toBeNull();
  });

  it('changes the role through setUserRole and shows the new role', async () => {
    const asked: Record<string, unknown>[] = [];
    renderUsers((variables) => {
      asked.push(variables);
      return { setUserRole: { __typename: 'User', id: variables['id'], role: variables['role'] } };
    });
    const select = (await screen.findByLabelText('Role of cook@example.test')) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'MANAGER' } });
    await waitFor(() => expect(select.value).toBe('MANAGER'));
    expect(asked).toEqual([{ id: 'cook', role: 'MANAGER' }]);
  });

  it('shows the API error and keeps the old role', async () => {
    renderUsers(() => {
      throw new GraphQLError('cook@example.test is the last active TENANT_ADMIN of this tenant.', {
        extensions: { code: 'CONFLICT' },
      });
    });
    const select = (await screen.findByLabelText('Role of cook@example.test')) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'MANAGER' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/last active TENANT_ADMIN/);
    expect(select.value).toBe('STAFF');
  });
});
