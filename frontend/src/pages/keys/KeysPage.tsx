import { useCallback, useState } from 'react';
import { api, messageOf } from '../../api/client';
import type { Key, KeyWithSecret } from '../../api/types';
import { Alert } from '../../app/Alert';
import { DataTable } from '../../app/DataTable';
import { Dialog } from '../../app/Dialog';
import { usePage } from '../../app/Pager';
import { usePolling } from '../../app/usePolling';
import { BudgetsSection } from './BudgetsSection';
import { KeyForm } from './KeyForm';

const PAGE_SIZE = 20;

export function KeysPage() {
  const keys = usePolling((signal) => api<{ keys: Key[] }>('/keys', { signal }), 0, []);
  const [secret, setSecret] = useState<{ name: string; key: string }>();
  const [error, setError] = useState<string>();
  const [revoking, setRevoking] = useState<Key>();
  const list = keys.data?.keys ?? [];
  const page = usePage(list, PAGE_SIZE);
  const closeRevoke = useCallback(() => setRevoking(undefined), []);

  const act = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      keys.reload();
    }
  };

  const created = (key: KeyWithSecret) => {
    setError(undefined);
    setSecret({ name: key.name, key: key.key });
    keys.reload();
  };

  const rotate = (key: Key) =>
    act(async () => {
      const rotated = await api<KeyWithSecret>(`/keys/${encodeURIComponent(key.id)}/rotate`, {
        method: 'POST',
        body: {},
      });
      setSecret({ name: rotated.name, key: rotated.key });
    });

  const revoke = (key: Key) =>
    act(async () => {
      setRevoking(undefined);
      await api<Key>(`/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
    });

  return (
    <>
      <h1>Keys and budgets</h1>
      <KeyForm onCreated={created} onError={setError} />
      <Alert message={error} />
      <section aria-label="New key secret" className="result">
        {secret && (
          <>
            <p>
              The secret of <strong>{secret.name}</strong>, shown this once (only its hash is
              stored):
            </p>
            <p>
              <code className="secret">{secret.key}</code>{' '}
              <button type="button" onClick={() => void navigator.clipboard?.writeText(secret.key)}>
                Copy
              </button>{' '}
              <button type="button" onClick={() => setSecret(undefined)}>
                Hide
              </button>
            </p>
          </>
        )}
      </section>
      <Alert message={keys.error} />
      <DataTable
        caption="Virtual keys"
        columns={[
          { header: 'Name', cell: (k) => k.name },
          { header: 'Prefix', cell: (k) => <code>{k.prefix}</code> },
          { header: 'Team', cell: (k) => k.team ?? '' },
          { header: 'User', cell: (k) => k.user ?? '' },
          { header: 'Models', cell: (k) => k.allowedModels?.join(', ') ?? 'all' },
          { header: 'Expires', cell: (k) => k.expiresAt ?? '' },
          { header: 'State', cell: (k) => (k.revokedAt ? 'revoked' : 'active') },
          {
            header: 'Actions',
            cell: (k) =>
              !k.revokedAt && (
                <>
                  <button type="button" aria-label={`Rotate ${k.name}`} onClick={() => rotate(k)}>
                    Rotate
                  </button>{' '}
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Revoke ${k.name}`}
                    onClick={() => setRevoking(k)}
                  >
                    Revoke
                  </button>
                </>
              ),
          },
        ]}
        rows={page.rows}
        rowKey={(k) => k.id}
        empty={keys.data ? 'No virtual keys yet.' : undefined}
      />
      {page.pager}
      {revoking && (
        <Dialog title={`Revoke ${revoking.name}?`} onClose={closeRevoke}>
          <p>Calls with this key are refused at once. This cannot be undone.</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => revoke(revoking)}>
              Confirm
            </button>
            <button type="button" onClick={closeRevoke}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
      <BudgetsSection />
    </>
  );
}
