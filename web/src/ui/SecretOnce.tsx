import { CopyField } from './CopyField';

/** A secret Nexara will never show again: copy it now, then dismiss. */
export function SecretOnce({ title, secret, onDismiss }: { title: string; secret: string; onDismiss: () => void }) {
  return (
    <div className="secret-once" role="alert">
      <strong>{title}</strong>
      <span>Copy it now: it is shown only this once and cannot be read again.</span>
      <CopyField label="secret" value={secret} />
      <div>
        <button type="button" onClick={onDismiss}>
          I have stored it
        </button>
      </div>
    </div>
  );
}
