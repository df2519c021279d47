import { useCallback, useState, useSyncExternalStore, type FormEvent } from 'react';
import { Dialog } from '../app/Dialog';
import { readToken, saveToken, subscribeToken } from './tokenStore';

export function useToken(): string | null {
  return useSyncExternalStore(subscribeToken, readToken, () => null);
}

/** The header's "Sign in" / "Sign out" control; the token is kept in sessionStorage. */
export function SignIn() {
  const token = useToken();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const close = useCallback(() => setOpen(false), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!trimmed) return;
    saveToken(trimmed);
    setValue('');
    setOpen(false);
  };

  if (token) {
    return (
      <button type="button" onClick={() => saveToken(null)}>
        Sign out
      </button>
    );
  }
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Sign in
      </button>
      {open && (
        <Dialog title="Sign in" onClose={close}>
          <form onSubmit={submit}>
            <p>
              Reads from this machine need no token; changes do. The token is in the file the
              gateway logged at start (by default <code>data/admin-token</code>).
            </p>
            <label>
              Admin token
              <input
                type="password"
                autoComplete="off"
                value={value}
                onChange={(event) => setValue(event.target.value)}
              />
            </label>
            <div className="actions">
              <button type="submit">Save token</button>
              <button type="button" onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
