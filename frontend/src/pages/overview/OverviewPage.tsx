import { api } from '../../api/client';
import type { Overview } from '../../api/types';
import { Alert } from '../../app/Alert';
import { type Column, DataTable } from '../../app/DataTable';
import { usePage } from '../../app/Pager';
import { usePolling } from '../../app/usePolling';

const POLL_MS = 5_000;
const PAGE_SIZE = 25;

type Listener = Overview['listeners'][number];
type Route = Overview['routes'][number];
type Backend = Overview['backends'][number];

const LISTENER_COLUMNS: Column<Listener>[] = [
  { header: 'Name', cell: (l) => l.name },
  { header: 'Gateway', cell: (l) => l.gateway },
  { header: 'Port', cell: (l) => l.port },
  { header: 'Protocol', cell: (l) => l.protocol },
  { header: 'Hostname', cell: (l) => l.hostname ?? '*' },
  { header: 'TLS', cell: (l) => (l.tls ? 'yes' : 'no') },
];

const ROUTE_COLUMNS: Column<Route>[] = [
  { header: 'Name', cell: (r) => r.name },
  { header: 'Kind', cell: (r) => r.kind },
  { header: 'Port', cell: (r) => r.port },
  {
    header: 'Match',
    cell: (r) => (r.hostnames.length ? r.hostnames.join(', ') : '*') + (r.pathPrefix ?? ''),
  },
  { header: 'Backends', cell: (r) => r.backends.join(', ') },
  { header: 'Policies', cell: (r) => r.policies.join(', ') },
];

const BACKEND_COLUMNS: Column<Backend>[] = [
  { header: 'Name', cell: (b) => b.name },
  { header: 'Kind', cell: (b) => b.kind },
  { header: 'Target', cell: (b) => b.target },
  {
    header: 'Health',
    cell: (b) => (
      <span className={b.state === 'healthy' ? 'ok' : 'bad'}>
        {b.state === 'ejected' && b.ejectedUntil ? `ejected until ${b.ejectedUntil}` : b.state}
      </span>
    ),
  },
  { header: 'Consecutive failures', cell: (b) => b.consecutiveFailures },
];

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
        <DataTable
          caption="Listeners"
          columns={LISTENER_COLUMNS}
          rows={listeners}
          rowKey={(l) => `${l.gateway}/${l.name}`}
        />
      </section>

      <section aria-labelledby="routes">
        <h2 id="routes">Routes</h2>
        <DataTable
          caption="Routes"
          columns={ROUTE_COLUMNS}
          rows={routes.rows}
          rowKey={(r) => r.key}
        />
        {routes.pager}
      </section>

      <section aria-labelledby="backends">
        <h2 id="backends">Backends</h2>
        <DataTable
          caption="Backends"
          columns={BACKEND_COLUMNS}
          rows={backends}
          rowKey={(b) => b.name}
        />
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
