import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { messageOf } from '../../api/client';
import { Alert } from '../../app/Alert';
import { RouteSelect } from '../../app/RouteSelect';
import { routeBase } from '../../app/traffic';
import { usePolling } from '../../app/usePolling';
import { loadOverview } from '../overview/OverviewPage';
import type { McpSession, McpTool } from './mcpSession';
import { SchemaForm, initialValues, toArguments, type ObjectSchema } from './SchemaForm';

interface Notice {
  at: string;
  method: string;
  params: unknown;
}

/** The text of a tool result: its text contents joined, else the result as JSON. */
export function resultText(result: unknown): string {
  const content = (result as { content?: { type?: string; text?: string }[] } | null)?.content;
  if (Array.isArray(content) && content.length > 0 && content.every((c) => c.type === 'text')) {
    return content.map((c) => c.text ?? '').join('\n');
  }
  return JSON.stringify(result, null, 2);
}

export function McpPage() {
  const overview = usePolling(loadOverview, 0, []);
  const routes = (overview.data?.routes ?? []).filter((r) => r.kind === 'mcp');
  const [routeKey, setRouteKey] = useState('');
  const [token, setToken] = useState('');
  const [session, setSession] = useState<McpSession>();
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<string>();
  const [tool, setTool] = useState<McpTool>();
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [result, setResult] = useState<{ text: string; isError: boolean }>();
  const [calling, setCalling] = useState(false);
  const [notices, setNotices] = useState<Notice[]>([]);
  const sessionRef = useRef<McpSession>(undefined);
  const ids = { route: useId(), token: useId() };

  useEffect(() => {
    if (!routeKey && routes.length > 0) setRouteKey(routes[0].key);
  }, [routeKey, routes]);

  useEffect(
    () => () => {
      void sessionRef.current?.close();
    },
    [],
  );

  const connect = async (event: FormEvent) => {
    event.preventDefault();
    const route = routes.find((r) => r.key === routeKey);
    if (!route) return;
    setConnecting(true);
    setError(undefined);
    setTool(undefined);
    setResult(undefined);
    try {
      await sessionRef.current?.close();
      const { connectMcp } = await import('./mcpSession');
      const opened = await connectMcp(routeBase(route), token, (method, params) =>
        setNotices((list) => [
          ...list.slice(-199),
          { at: new Date().toISOString(), method, params },
        ]),
      );
      sessionRef.current = opened;
      setSession(opened);
    } catch (e) {
      setSession(undefined);
      setError(messageOf(e));
    } finally {
      setConnecting(false);
    }
  };

  const choose = (chosen: McpTool) => {
    setTool(chosen);
    setValues(initialValues(chosen.inputSchema as ObjectSchema));
    setResult(undefined);
  };

  const call = async (event: FormEvent) => {
    event.preventDefault();
    if (!session || !tool) return;
    setCalling(true);
    setError(undefined);
    try {
      const args = toArguments(tool.inputSchema as ObjectSchema, values);
      const answer = await session.callTool(tool.name, args);
      setResult({
        text: resultText(answer),
        isError: (answer as { isError?: boolean }).isError === true,
      });
    } catch (e) {
      setResult(undefined);
      setError(messageOf(e));
    } finally {
      setCalling(false);
    }
  };

  return (
    <>
      <h1>MCP playground</h1>
      <Alert message={overview.error} />
      {overview.data && routes.length === 0 && <p>No MCP route is configured.</p>}
      <form onSubmit={connect} className="form">
        <RouteSelect id={ids.route} routes={routes} value={routeKey} onChange={setRouteKey} />
        <label htmlFor={ids.token}>Bearer token</label>
        <input
          id={ids.token}
          type="password"
          autoComplete="off"
          placeholder="optional"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <span />
        <div className="actions">
          <button type="submit" disabled={connecting || !routeKey}>
            Connect
          </button>
        </div>
      </form>
      <Alert message={error} />
      {session && <p role="status">Connected to {session.serverName}</p>}
      {session && (
        <div className="columns">
          <section aria-labelledby="mcp-tools">
            <h2 id="mcp-tools">Tools</h2>
            <ul className="plain">
              {session.tools.map((t) => (
                <li key={t.name}>
                  <button
                    type="button"
                    aria-pressed={tool?.name === t.name}
                    onClick={() => choose(t)}
                  >
                    {t.name}
                  </button>
                  {t.description && <small className="hint"> {t.description}</small>}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="mcp-prompts">
            <h2 id="mcp-prompts">Prompts</h2>
            <ul>
              {session.prompts.map((p) => (
                <li key={p.name}>
                  {p.name}
                  {p.description ? `: ${p.description}` : ''}
                </li>
              ))}
            </ul>
            {session.prompts.length === 0 && <p>None.</p>}
          </section>
          <section aria-labelledby="mcp-resources">
            <h2 id="mcp-resources">Resources</h2>
            <ul>
              {session.resources.map((r) => (
                <li key={r.uri}>
                  {r.name} <code>{r.uri}</code>
                </li>
              ))}
            </ul>
            {session.resources.length === 0 && <p>None.</p>}
          </section>
        </div>
      )}
      {session && tool && (
        <form onSubmit={call} aria-label={`Call ${tool.name}`}>
          <h3>{tool.name}</h3>
          <SchemaForm
            schema={tool.inputSchema as ObjectSchema}
            values={values}
            onChange={setValues}
          />
          <div className="actions">
            <button type="submit" disabled={calling}>
              Call tool
            </button>
          </div>
        </form>
      )}
      <section aria-label="Tool result" className="result">
        {result && (
          <pre className={result.isError ? 'code bad' : 'code'}>
            {result.isError ? `Tool error: ${result.text}` : result.text}
          </pre>
        )}
      </section>
      <h2>Notifications</h2>
      <div role="log" aria-label="Notifications" className="log">
        {notices.map((n, i) => (
          <p key={i}>
            <time>{n.at}</time> <code>{n.method}</code> {n.params ? JSON.stringify(n.params) : ''}
          </p>
        ))}
      </div>
    </>
  );
}
