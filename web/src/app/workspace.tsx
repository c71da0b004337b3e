import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
import { graphql } from '../gql';
import { ErrorState, Loading } from '../ui/states';

const WORKSPACE = graphql(`
  query Workspace {
    me {
      id
      email
      name
      role
      tenant {
        id
        name
      }
    }
    tenant {
      id
      name
      slug
      currency
      timeZone
    }
  }
`);

export type Workspace = {
  user: { id: string; email: string; name: string; role: string; homeTenantId: string };
  /** The tenant the user acts in: their own, or the one a platform admin switched to. */
  tenant: { id: string; name: string; slug: string; currency: string; timeZone: string };
};

const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside <WorkspaceProvider>');
  return workspace;
}

/** Roles allowed to change orders' and connections' state beyond the everyday steps. */
export function isManager(role: string): boolean {
  return role === 'MANAGER' || role === 'TENANT_ADMIN' || role === 'PLATFORM_ADMIN';
}

export function isAdmin(role: string): boolean {
  return role === 'TENANT_ADMIN' || role === 'PLATFORM_ADMIN';
}

/** Who is signed in and which tenant they act in; every page reads time zone and currency from it. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const { data, error, refetch } = useQuery(WORKSPACE);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data?.me || !data.tenant) return <Loading label="Opening your workspace…" />;
  const { me, tenant } = data;
  const workspace: Workspace = {
    user: { id: me.id, email: me.email, name: me.name, role: me.role, homeTenantId: me.tenant.id },
    tenant,
  };
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}
