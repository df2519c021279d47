import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, messageOf, query } from '../../api/client';
import type { UsageRecords, UsageRecord } from '../../api/types';
import { Alert } from '../../app/Alert';
import { randomHex } from '../../app/ids';
import { RouteSelect } from '../../app/RouteSelect';
import { routeBase } from '../../app/traffic';
import { usePolling } from '../../app/usePolling';
import { loadOverview } from '../overview/OverviewPage';
import { chatErrorOf, readChatCompletion, readChatStream, type ChatAnswer } from './chatStream';

interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

interface Details {
  tokens: string;
  cost: string;
  latencyMs: number;
  provider: string;
  guardrail: string;
}

/** The chat completions URL under an LLM route's prefix (a prefix of /v1 is not doubled). */
export function chatUrl(base: string) {
  return base.endsWith('/v1') ? `${base}/chat/completions` : `${base}/v1/chat/completions`;
}

async function findUsageRecord(traceId: string): Promise<UsageRecord | undefined> {
  // The usage record is written just after the answer ends: look a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const page = await api<UsageRecords>(`/usage/records${query({ limit: 20 })}`);
      const found = page.records.find((r) => r.traceId === traceId);
      if (found) return found;
    } catch {
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
  }
  return undefined;
}

function tokensText(answer: ChatAnswer | undefined, record: UsageRecord | undefined) {
  const input = record?.tokens.input ?? answer?.usage?.prompt_tokens;
  const output = record?.tokens.output ?? answer?.usage?.completion_tokens;
  if (input == null && output == null) return 'not reported';
  return `${input ?? '?'} in, ${output ?? '?'} out`;
}

export function LlmPage() {
  const overview = usePolling(loadOverview, 0, []);
  const routes = (overview.data?.routes ?? []).filter((r) => r.kind === 'llm');
  const [routeKey, setRouteKey] = useState('');
  const [model, setModel] = useState('agw-demo');
  const [apiKey, setApiKey] = useState('');
  const [message, setMessage] = useState('');
  const [stream, setStream] = useState(true);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [pending, setPending] = useState<string | null>(null);
  const [details, setDetails] = useState<Details>();
  const [error, setError] = useState<string>();
  const ids = { route: useId(), model: useId(), key: useId(), message: useId(), stream: useId() };

  useEffect(() => {
    if (!routeKey && routes.length > 0) setRouteKey(routes[0].key);
  }, [routeKey, routes]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const route = routes.find((r) => r.key === routeKey);
    if (!route || !message.trim()) return;
    const history: Turn[] = [...turns, { role: 'user', content: message }];
    setTurns(history);
    setMessage('');
    setError(undefined);
    setDetails(undefined);
    setPending('');
    // A W3C trace context of our own, so that the usage record of this call can be found.
    const traceId = randomHex(16);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      traceparent: `00-${traceId}-${randomHex(8)}-01`,
    };
    if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
    const started = performance.now();
    try {
      const response = await fetch(chatUrl(routeBase(route)), {
        method: 'POST',
        headers,
        body: JSON.stringify({
          model,
          messages: history,
          stream,
          ...(stream ? { stream_options: { include_usage: true } } : {}),
        }),
      });
      if (!response.ok) throw new Error(chatErrorOf(response.status, await response.text()));
      let answer: ChatAnswer;
      if (stream && response.body) {
        answer = await readChatStream(response.body, (piece) =>
          setPending((text) => (text ?? '') + piece),
        );
      } else {
        answer = readChatCompletion(await response.json());
      }
      const latencyMs = Math.round(performance.now() - started);
      setTurns([...history, { role: 'assistant', content: answer.text }]);
      setPending(null);
      const provider = response.headers.get('x-agw-provider');
      const detailsOf = (record: UsageRecord | undefined): Details => ({
        tokens: tokensText(answer, record),
        cost: record?.costUsd != null ? `$${record.costUsd.toFixed(6)}` : 'not priced',
        latencyMs,
        provider: provider ?? record?.provider ?? 'unknown',
        guardrail: record?.guardrail ?? 'none',
      });
      // What the answer itself says at once, then the usage store's view (cost, guardrail).
      setDetails(detailsOf(undefined));
      const record = await findUsageRecord(traceId);
      if (record) setDetails(detailsOf(record));
    } catch (e) {
      setPending(null);
      setError(messageOf(e));
    }
  };

  return (
    <>
      <h1>LLM playground</h1>
      <Alert message={overview.error} />
      {overview.data && routes.length === 0 && <p>No LLM route is configured.</p>}
      <form onSubmit={send} className="form">
        <RouteSelect id={ids.route} routes={routes} value={routeKey} onChange={setRouteKey} />
        <label htmlFor={ids.model}>Model</label>
        <input id={ids.model} value={model} onChange={(e) => setModel(e.target.value)} />
        <label htmlFor={ids.key}>API key</label>
        <input
          id={ids.key}
          type="password"
          autoComplete="off"
          placeholder="optional"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
        />
        <label htmlFor={ids.message}>Message</label>
        <textarea
          id={ids.message}
          rows={4}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <span />
        <label className="inline" htmlFor={ids.stream}>
          <input
            id={ids.stream}
            type="checkbox"
            checked={stream}
            onChange={(e) => setStream(e.target.checked)}
          />
          Stream
        </label>
        <span />
        <div className="actions">
          <button type="submit" disabled={pending !== null || !routeKey}>
            Send
          </button>
        </div>
      </form>
      <div role="log" aria-label="Conversation" aria-live="polite" className="log">
        {turns.map((t, i) => (
          <p key={i} className={`turn ${t.role}`}>
            <strong>{t.role === 'user' ? 'You' : 'Model'}: </strong>
            {t.content}
          </p>
        ))}
        {pending !== null && (
          <p className="turn assistant">
            <strong>Model: </strong>
            {pending}
          </p>
        )}
      </div>
      <Alert message={error} />
      {details && (
        <dl className="facts" aria-label="Answer details">
          <dt>Tokens</dt>
          <dd>{details.tokens}</dd>
          <dt>Cost</dt>
          <dd>{details.cost}</dd>
          <dt>Latency</dt>
          <dd>{details.latencyMs} ms</dd>
          <dt>Provider</dt>
          <dd>{details.provider}</dd>
          <dt>Guardrail</dt>
          <dd>{details.guardrail}</dd>
        </dl>
      )}
    </>
  );
}
