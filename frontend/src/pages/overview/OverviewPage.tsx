import { api } from '../../api/client';
import type { Overview } from '../../api/types';
import { Alert } from '../../app/Alert';
import { usePage } from '../../app/Pager';
import { usePolling } from '../../app/usePolling';

const POLL_MS = 5_000;
const PAGE_SIZE = 25;

export function loadOverview(signal?: AbortSignal) {
  return api<Overview>('/overview', { signal });
}

export function OverviewPage() {
  const { data, error } = usePolling(loadOverview, POLL_MS, []);
  return (
    <>
      <h1>Overview</h1>
      <Alert message={error} />
      {data && <OverviewBody overview={data} />}
      {!data && !error && <p>Loading…</p>}
    </>
  );
}

function OverviewBody({ overview }: { overview: Overview }) {
  const { gateway, listeners, backends, reload, lastRefused } = overview;
  const routes = usePage(overview.routes, PAGE_SIZE);
  return (
    <>
      <dl className="facts" aria-label="Gateway">
        <dt>Version</dt>
        <dd>{gateway.version}</dd>
        <dt>Started</dt>
        <dd>{gateway.startedAt}</dd>
        <dt>Configuration</dt>
        <dd>
          {gateway.configSource}
          {gateway.configPath ? ` (${gateway.configPath})` : ''}
        </dd>
        <dt>Admin port</dt>
        <dd>{gateway.adminPort}</dd>
      </dl>

      <section aria-labelledby="listeners">
        <h2 id="listeners">Listeners</h2>
        <table>
          <caption>Listeners</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Gateway</th>
              <th scope="col">Port</th>
              <th scope="col">Protocol</th>
              <th scope="col">Hostname</th>
              <th scope="col">TLS</th>
            </tr>
          </thead>
          <tbody>
            {listeners.map((l) => (
              <tr key={`${l.gateway}/${l.name}`}>
                <td>{l.name}</td>
                <td>{l.gateway}</td>
                <td>{l.port}</td>
                <td>{l.protocol}</td>
                <td>{l.hostname ?? '*'}</td>
                <td>{l.tls ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="routes">
        <h2 id="routes">Routes</h2>
        <table>
          <caption>Routes</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Port</th>
              <th scope="col">Match</th>
              <th scope="col">Backends</th>
              <th scope="col">Policies</th>
            </tr>
          </thead>
          <tbody>
            {routes.rows.map((r) => (
              <tr key={r.key}>
                <td>{r.name}</td>
                <td>{r.kind}</td>
                <td>{r.port}</td>
                <td>
                  {(r.hostnames.length ? r.hostnames.join(', ') : '*') + (r.pathPrefix ?? '')}
                </td>
                <td>{r.backends.join(', ')}</td>
                <td>{r.policies.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {routes.pager}
      </section>

      <section aria-labelledby="backends">
        <h2 id="backends">Backends</h2>
        <table>
          <caption>Backends</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Target</th>
              <th scope="col">Health</th>
              <th scope="col">Consecutive failures</th>
            </tr>
          </thead>
          <tbody>
            {backends.map((b) => (
              <tr key={b.name}>
                <td>{b.name}</td>
                <td>{b.kind}</td>
                <td>{b.target}</td>
                <td>
                  <span className={b.state === 'healthy' ? 'ok' : 'bad'}>
                    {b.state === 'ejected' && b.ejectedUntil
                      ? `ejected until ${b.ejectedUntil}`
                      : b.state}
                  </span>
                </td>
                <td>{b.consecutiveFailures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="reloads">
        <h2 id="reloads">Reloads</h2>
        {reload ? (
          <p>
            Version {String(reload.version)} applied at {reload.appliedAt} from {reload.source}.
          </p>
        ) : (
          <p>No reload yet.</p>
        )}
        {lastRefused ? (
          <>
            <p>A configuration was refused at {lastRefused.at}:</p>
            <div role="alert">
              <ul aria-label="Refused configuration" className="errors">
                {lastRefused.errors.map((e, i) => (
                  <li key={i}>{`${e.path}: ${e.message}`}</li>
                ))}
              </ul>
            </div>
          </>
        ) : (
          <p>No configuration has been refused.</p>
        )}
      </section>
    </>
  );
}
