import { useId, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api/client';
import type { KeyWithSecret } from '../../api/types';

function positive(label: string, text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${label} must be a whole number of at least 1`);
  return value;
}

/** The key creation form; the body is openapi.yaml's KeyCreate. */
export function KeyForm(props: {
  onCreated: (key: KeyWithSecret) => void;
  onError: (message: string | undefined) => void;
}) {
  const [fields, setFields] = useState({
    name: '',
    team: '',
    user: '',
    models: '',
    rpm: '',
    tpm: '',
    expires: '',
  });
  const [busy, setBusy] = useState(false);
  const id = useId();
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [name]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    props.onError(undefined);
    try {
      const models = fields.models
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      const body = {
        name: fields.name.trim(),
        team: fields.team.trim() || null,
        user: fields.user.trim() || null,
        allowedModels: models.length ? models : null,
        limits: {
          requestsPerMinute: positive('Requests per minute', fields.rpm),
          tokensPerMinute: positive('Tokens per minute', fields.tpm),
        },
        expiresAt: fields.expires ? new Date(fields.expires).toISOString() : null,
      };
      props.onCreated(await api<KeyWithSecret>('/keys', { method: 'POST', body }));
      setFields({ name: '', team: '', user: '', models: '', rpm: '', tpm: '', expires: '' });
    } catch (e) {
      props.onError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="form" aria-label="Create a virtual key">
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} required value={fields.name} onChange={set('name')} />
      <label htmlFor={`${id}-team`}>Team</label>
      <input id={`${id}-team`} value={fields.team} onChange={set('team')} />
      <label htmlFor={`${id}-user`}>User</label>
      <input id={`${id}-user`} value={fields.user} onChange={set('user')} />
      <label htmlFor={`${id}-models`}>Allowed models</label>
      <input
        id={`${id}-models`}
        placeholder="comma-separated patterns; empty allows all"
        value={fields.models}
        onChange={set('models')}
      />
      <label htmlFor={`${id}-rpm`}>Requests per minute</label>
      <input id={`${id}-rpm`} type="number" min={1} value={fields.rpm} onChange={set('rpm')} />
      <label htmlFor={`${id}-tpm`}>Tokens per minute</label>
      <input id={`${id}-tpm`} type="number" min={1} value={fields.tpm} onChange={set('tpm')} />
      <label htmlFor={`${id}-expires`}>Expires at</label>
      <input
        id={`${id}-expires`}
        type="datetime-local"
        value={fields.expires}
        onChange={set('expires')}
      />
      <span />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Create key
        </button>
      </div>
    </form>
  );
}
