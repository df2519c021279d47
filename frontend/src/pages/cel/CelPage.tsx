import { useId, useState, type FormEvent } from 'react';
import { ApiError, api, messageOf } from '../../api/client';
import type { CelResult } from '../../api/types';
import { Alert } from '../../app/Alert';

const SAMPLE_REQUEST = {
  method: 'POST',
  path: '/v1/chat/completions',
  headers: { 'content-type': 'application/json', 'x-team': 'alpha' },
  body: { model: 'agw-demo', messages: [{ role: 'user', content: 'Hello' }] },
};
const SAMPLE_CLAIMS = { sub: 'alice', groups: ['admins'], iss: 'https://issuer.example' };
const SAMPLE_LLM = { requestModel: 'agw-demo', provider: 'openai', inputTokens: 12 };

function parseJson(label: string, text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${label} is not valid JSON`);
  }
}

export function CelPage() {
  const [expression, setExpression] = useState("request.method == 'POST' && jwt.sub == 'alice'");
  const [request, setRequest] = useState(JSON.stringify(SAMPLE_REQUEST, null, 2));
  const [claims, setClaims] = useState(JSON.stringify(SAMPLE_CLAIMS, null, 2));
  const [llm, setLlm] = useState(JSON.stringify(SAMPLE_LLM, null, 2));
  const [result, setResult] = useState<CelResult>();
  const [error, setError] = useState<string>();
  const ids = { expression: useId(), request: useId(), claims: useId(), llm: useId() };

  const evaluate = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setResult(undefined);
    try {
      const context = {
        request: parseJson('Request', request),
        jwt: { claims: parseJson('JWT claims', claims) ?? {} },
        llm: parseJson('LLM', llm),
      };
      setResult(
        await api<CelResult>('/cel/evaluate', { method: 'POST', body: { expression, context } }),
      );
    } catch (e) {
      const position =
        e instanceof ApiError
          ? (e.body as { error?: { position?: number } })?.error?.position
          : undefined;
      setError(position != null ? `${messageOf(e)} (at position ${position})` : messageOf(e));
    }
  };

  return (
    <>
      <h1>CEL playground</h1>
      <form onSubmit={evaluate} className="form wide">
        <label htmlFor={ids.expression}>Expression</label>
        <textarea
          id={ids.expression}
          className="code"
          rows={3}
          spellCheck={false}
          value={expression}
          onChange={(e) => setExpression(e.target.value)}
        />
        <label htmlFor={ids.request}>Request (JSON)</label>
        <textarea
          id={ids.request}
          className="code"
          rows={10}
          spellCheck={false}
          value={request}
          onChange={(e) => setRequest(e.target.value)}
        />
        <label htmlFor={ids.claims}>JWT claims (JSON)</label>
        <textarea
          id={ids.claims}
          className="code"
          rows={5}
          spellCheck={false}
          value={claims}
          onChange={(e) => setClaims(e.target.value)}
        />
        <label htmlFor={ids.llm}>LLM (JSON)</label>
        <textarea
          id={ids.llm}
          className="code"
          rows={5}
          spellCheck={false}
          value={llm}
          onChange={(e) => setLlm(e.target.value)}
        />
        <span />
        <div className="actions">
          <button type="submit">Evaluate</button>
        </div>
      </form>
      <Alert message={error} />
      <section aria-label="Result" className="result">
        {result && (
          <>
            <p>
              Type: <code>{result.type}</code>
            </p>
            <pre className="code">{JSON.stringify(result.result, null, 2)}</pre>
          </>
        )}
      </section>
    </>
  );
}
