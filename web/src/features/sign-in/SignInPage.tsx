import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { Session } from '../../common/session';
import { graphql } from '../../gql';
import { InlineError } from '../../ui/states';
import { useTranslation } from '../../i18n/translate';
import { SESSION_ENDED_MESSAGE, SESSION_EXPIRED_MESSAGE, SIGNED_OUT_ELSEWHERE_MESSAGE } from '../../common/session';

/** Notices are kept (and passed between tabs) in English; each is shown in the reader's language. */
const NOTICE_KEYS = {
  [SESSION_EXPIRED_MESSAGE]: 'signIn.expired',
  [SESSION_ENDED_MESSAGE]: 'signIn.ended',
  [SIGNED_OUT_ELSEWHERE_MESSAGE]: 'signIn.signedOutElsewhere',
} as const;

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
  const { t } = useTranslation();
  const noticeKey = notice ? NOTICE_KEYS[notice as keyof typeof NOTICE_KEYS] : undefined;

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
      <form onSubmit={submit} aria-label={t('signIn.form')}>
        <h1>
          <span className="brand-mark" aria-hidden="true">
            N
          </span>{' '}
          <span translate="no">Nexara</span>
        </h1>
        <p className="muted">{t('signIn.tagline')}</p>
        {notice && (
          <p role="status" className="notice">
            {noticeKey ? t(noticeKey) : notice}
          </p>
        )}
        <label>
          {t('signIn.email')}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('signIn.password')}
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
          {loading ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
