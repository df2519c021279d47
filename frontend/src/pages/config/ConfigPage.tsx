import { useEffect, useState } from 'react';
import { ApiError, api, messageOf } from '../../api/client';
import type { ApiFieldError, ConfigDocument, ValidationResult } from '../../api/types';
import { Alert } from '../../app/Alert';
import { usePolling } from '../../app/usePolling';

const YAML = 'application/yaml';

function fieldErrorsOf(error: unknown): ApiFieldError[] {
  if (error instanceof ApiError) {
    const errors = (error.body as { errors?: unknown } | null)?.errors;
    if (Array.isArray(errors)) return errors as ApiFieldError[];
  }
  return [];
}

const STORAGE_TEXT: Record<string, string> = {
  file: 'file (Apply writes the configuration file)',
  hybrid: 'hybrid (Apply keeps the change as an overlay in the database)',
  readOnly: 'read-only (changes cannot be applied from here)',
};

export function ConfigPage() {
  const loaded = usePolling((signal) => api<ConfigDocument>('/config', { signal }), 0, []);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<ApiFieldError[]>([]);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const doc = loaded.data;

  useEffect(() => {
    if (doc) setText(doc.yaml);
  }, [doc]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setStatus('');
    setErrors([]);
    setFailure(undefined);
    try {
      await action();
    } catch (e) {
      const fieldErrors = fieldErrorsOf(e);
      setErrors(fieldErrors);
      if (fieldErrors.length === 0) setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const validate = () =>
    run(async () => {
      const result = await api<ValidationResult>('/config/validate', {
        method: 'POST',
        text: { content: text, type: YAML },
      });
      if (result.valid) setStatus('Configuration is valid');
      else setErrors(result.errors);
    });

  const apply = () =>
    run(async () => {
      const result = await api<{ applied: boolean; version: string | number }>('/config', {
        method: 'PUT',
        text: { content: text, type: YAML },
      });
      setStatus(`Configuration applied (version ${result.version})`);
      loaded.reload();
    });

  const resetOverlay = () =>
    run(async () => {
      await api<unknown>('/config/overlay', { method: 'DELETE' });
      setStatus('Overlay removed');
      loaded.reload();
    });

  return (
    <>
      <h1>Configuration</h1>
      <Alert message={loaded.error} />
      {doc && (
        <dl className="facts" aria-label="Configuration source">
          <dt>Source</dt>
          <dd>
            {doc.source}
            {doc.path ? ` (${doc.path})` : ''}
          </dd>
          <dt>Storage</dt>
          <dd>{STORAGE_TEXT[doc.storage] ?? doc.storage}</dd>
          <dt>Writable</dt>
          <dd>{doc.writable ? 'yes' : 'no'}</dd>
        </dl>
      )}
      <p className="hint">
        Secrets show as <code>&lt;redacted&gt;</code>; leave them so and Apply keeps their live
        values.
      </p>
      <label className="block">
        Configuration YAML
        <textarea
          className="code"
          rows={24}
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <div className="actions">
        <button type="button" disabled={busy} onClick={validate}>
          Validate
        </button>
        <button
          type="button"
          disabled={busy || (doc !== undefined && !doc.writable)}
          onClick={apply}
        >
          Apply
        </button>
        {doc?.storage === 'hybrid' && (
          <button type="button" disabled={busy || !doc.overlay} onClick={resetOverlay}>
            Reset overlay
          </button>
        )}
      </div>
      <p role="status">{status}</p>
      <Alert message={failure} />
      {errors.length > 0 && (
        <ul aria-label="Configuration errors" className="errors">
          {errors.map((e, i) => (
            <li key={i}>{`${e.path}: ${e.message}`}</li>
          ))}
        </ul>
      )}
      {doc?.overlay && (
        <details>
          <summary>Overlay kept in the database</summary>
          <pre className="code">{doc.overlay}</pre>
        </details>
      )}
    </>
  );
}
