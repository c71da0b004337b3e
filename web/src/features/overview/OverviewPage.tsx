import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import type { Session } from '../../app/session';
import { graphql } from '../../gql';
import { formatMoney } from '../../ui/money';
import { ProviderBadge } from '../../ui/ProviderBadge';

const OVERVIEW = graphql(`
  query Overview {
    me {
      id
      email
      role
      tenant {
        id
        name
      }
    }
    orders(first: 25) {
      totalCount
      edges {
        node {
          id
          displayCode
          provider
          status
          placedAt
          total {
            amount
            currency
          }
          connection {
            id
            name
          }
        }
      }
    }
  }
`);

type Props = { session: Session; onSignOut: (reason?: string) => void };

export function OverviewPage({ session, onSignOut }: Props) {
  const { data, loading, error } = useQuery(OVERVIEW);

  useEffect(() => {
    const expired =
      CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
    if (expired) onSignOut('Your session has expired. Please sign in again.');
  }, [error, onSignOut]);

  return (
    <div className="shell">
      <header className="topbar">
        <strong>Nexara</strong>
        <span className="muted">{data?.me?.tenant.name ?? ''}</span>
        <span className="spacer" />
        <span className="muted">{session.email}</span>
        <button type="button" onClick={() => onSignOut()}>
          Sign out
        </button>
      </header>
      <main className="content">
        <h1>Operations overview</h1>
        {loading && <p className="muted">Loading orders…</p>}
        {error && !loading && <p role="alert" className="error">Could not load orders: {error.message}</p>}
        {data && (
          <>
            <p className="kpi">
              <span className="kpi-value">{data.orders.totalCount}</span> orders in total
            </p>
            {data.orders.edges.length === 0 ? (
              <p className="muted">No orders yet. They appear here as soon as a provider sends one.</p>
            ) : (
              <table className="orders">
                <thead>
                  <tr>
                    <th>Order</th>
                    <th>Provider</th>
                    <th>Connection</th>
                    <th>Status</th>
                    <th>Placed</th>
                    <th className="num">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {data.orders.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>#{node.displayCode}</td>
                      <td>
                        <ProviderBadge provider={node.provider} />
                      </td>
                      <td>{node.connection.name}</td>
                      <td>{node.status}</td>
                      <td>{new Date(node.placedAt).toLocaleString()}</td>
                      <td className="num">{formatMoney(node.total.amount, node.total.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </main>
    </div>
  );
}
