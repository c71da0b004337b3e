import { useQuery } from '@apollo/client/react';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useTranslation } from '../i18n/translate';
import { fromLocaleEnum } from '../i18n/language';
import { useLanguage } from './language';
import { graphql } from '../gql';
import { ErrorState, Loading } from '../ui/states';

const WORKSPACE = graphql(`
  query Workspace {
    me {
      id
      email
      name
      role
      locale
      arabicDigits
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
  const { t } = useTranslation();
  const { language, arabicDigits, show } = useLanguage();
  // The user's own choice (kept on their user) wins over this browser's last one, once it is known.
  const saved = data?.me ? { language: fromLocaleEnum(data.me.locale), arabicDigits: data.me.arabicDigits } : null;
  useEffect(() => {
    if (saved && (saved.language !== language || saved.arabicDigits !== arabicDigits)) show(saved);
    // Only a change of the stored choice applies it; a choice made here is stored right after.
  }, [saved?.language, saved?.arabicDigits]);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data?.me || !data.tenant) return <Loading label={t('openingWorkspace')} />;
  const { me, tenant } = data;
  const workspace: Workspace = {
    user: { id: me.id, email: me.email, name: me.name, role: me.role, homeTenantId: me.tenant.id },
    tenant,
  };
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}
