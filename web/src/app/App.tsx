import { ApolloProvider } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { OverviewPage } from '../features/overview/OverviewPage';
import { SignInPage } from '../features/sign-in/SignInPage';
import { createApolloClient } from './apollo';
import { clearSession, loadSession, saveSession, type Session } from './session';

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const client = useMemo(() => createApolloClient(session?.token ?? null), [session]);

  const signIn = (next: Session) => {
    saveSession(next);
    setNotice(null);
    setSession(next);
  };
  const signOut = (reason?: string) => {
    clearSession();
    setNotice(reason ?? null);
    setSession(null);
  };

  return (
    <ApolloProvider client={client}>
      {session ? (
        <OverviewPage session={session} onSignOut={signOut} />
      ) : (
        <SignInPage notice={notice} onSignedIn={signIn} />
      )}
    </ApolloProvider>
  );
}
