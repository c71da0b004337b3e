import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { Session } from '../../app/session';
import { graphql } from '../../gql';
import { InlineError } from '../../ui/states';

const LOGIN = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      user {
        id
        email
        role
      }
    }
  }
`);

type Props = { notice: string | null; onSignedIn: (session: Session) => void };

export function SignInPage({ notice, onSignedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LOGIN);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await login({ variables: { email, password } }).catch(() => null);
    const payload = result?.data?.login;
    if (payload)
      onSignedIn({
        token: payload.token,
        expiresAt: payload.expiresAt,
        email: payload.user.email,
        role: payload.user.role,
      });
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-label="Sign in">
        <h1>
          <span className="brand-mark" aria-hidden="true">
            N
          </span>{' '}
          Nexara
        </h1>
        <p className="muted">Every delivery provider, one live view.</p>
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <InlineError error={error} />
        <button type="submit" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
