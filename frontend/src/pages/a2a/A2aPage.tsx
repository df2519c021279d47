import { useEffect, useId, useState, type FormEvent } from 'react';
import { messageOf } from '../../api/client';
import { Alert } from '../../app/Alert';
import { randomHex } from '../../app/ids';
import { RouteSelect } from '../../app/RouteSelect';
import { routeBase } from '../../app/traffic';
import { usePolling } from '../../app/usePolling';
import { loadOverview } from '../overview/OverviewPage';
import { agentEventOf, readAgentStream, type AgentEvent } from './a2aStream';

interface AgentCard {
  name?: string;
  description?: string;
  url?: string;
  version?: string;
  skills?: { id?: string; name?: string; description?: string }[];
  [field: string]: unknown;
}

export function A2aPage() {
  const overview = usePolling(loadOverview, 0, []);
  const routes = (overview.data?.routes ?? []).filter((r) => r.kind === 'a2a');
  const [routeKey, setRouteKey] = useState('');
  const route = routes.find((r) => r.key === routeKey);
  const base = route ? routeBase(route) : '';
  const card = usePolling<AgentCard | undefined>(
    async (signal) => {
      if (!base) return undefined;
      const response = await fetch(`${base}/.well-known/agent-card.json`, { signal });
      if (!response.ok) throw new Error(`Agent card: ${response.status} ${response.statusText}`);
      return (await response.json()) as AgentCard;
    },
    0,
    [base],
  );
  const [message, setMessage] = useState('');
  const [events, setEvents] = useState<AgentEvent[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const ids = { agent: useId(), message: useId() };

  useEffect(() => {
    if (!routeKey && routes.length > 0) setRouteKey(routes[0].key);
  }, [routeKey, routes]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!base || !message.trim()) return;
    setSending(true);
    setError(undefined);
    const add = (e: AgentEvent) => setEvents((list) => [...list.slice(-499), e]);
    add({ kind: 'sent', text: message });
    try {
      const response = await fetch(card.data?.url ?? base, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: randomHex(),
          method: 'message/stream',
          params: {
            message: {
              kind: 'message',
              role: 'user',
              messageId: randomHex(),
              parts: [{ kind: 'text', text: message }],
            },
          },
        }),
      });
      if (!response.ok)
        throw new Error(`${response.status}: ${(await response.text()).slice(0, 200)}`);
      setMessage('');
      if (
        (response.headers.get('content-type') ?? '').includes('text/event-stream') &&
        response.body
      ) {
        await readAgentStream(response.body, add);
      } else {
        add(agentEventOf(await response.json()));
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <h1>A2A</h1>
      <Alert message={overview.error} />
      {overview.data && routes.length === 0 && <p>No A2A route is configured.</p>}
      <div className="form">
        <RouteSelect
          id={ids.agent}
          label="Agent"
          routes={routes}
          value={routeKey}
          onChange={setRouteKey}
        />
      </div>
      <Alert message={card.error} />
      <section aria-label="Agent card" className="result">
        {card.data && (
          <>
            <h2>{card.data.name ?? 'Agent'}</h2>
            {card.data.description && <p>{card.data.description}</p>}
            <p>
              Endpoint: <code>{card.data.url ?? base}</code>
            </p>
            {card.data.skills && card.data.skills.length > 0 && (
              <ul>
                {card.data.skills.map((s, i) => (
                  <li key={s.id ?? i}>
                    {s.name ?? s.id}
                    {s.description ? `: ${s.description}` : ''}
                  </li>
                ))}
              </ul>
            )}
            <details>
              <summary>Card as the gateway serves it</summary>
              <pre className="code">{JSON.stringify(card.data, null, 2)}</pre>
            </details>
          </>
        )}
      </section>
      <form onSubmit={send} className="form">
        <label htmlFor={ids.message}>Message</label>
        <textarea
          id={ids.message}
          rows={3}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <span />
        <div className="actions">
          <button type="submit" disabled={sending || !base}>
            Send message
          </button>
        </div>
      </form>
      <Alert message={error} />
      <div role="log" aria-label="Agent events" aria-live="polite" className="log">
        {events.map((e, i) => (
          <p key={i}>
            <code>{e.kind}</code>
            {e.state ? ` [${e.state}]` : ''} {e.text}
          </p>
        ))}
      </div>
    </>
  );
}
