import { useId, useState } from 'react';
import { api, query } from '../../api/client';
import type { Spend } from '../../api/types';
import { Alert } from '../../app/Alert';
import { DataTable } from '../../app/DataTable';
import { usePolling } from '../../app/usePolling';
import { TimeChart } from '../../charts/TimeChart';
import { RANGES, rangeOf, timeWindow } from './ranges';
import { RecordsTable } from './RecordsTable';
import { spendSeries } from './series';

const POLL_MS = 10_000;
const GROUPS = ['key', 'team', 'model', 'provider'] as const;

export function formatUsd(value: number) {
  return value === 0 ? '$0' : value < 0.01 ? `$${value.toPrecision(2)}` : `$${value.toFixed(2)}`;
}

export function UsagePage() {
  const [group, setGroup] = useState<string>('model');
  const [rangeId, setRangeId] = useState<string>('day');
  const ids = { group: useId(), range: useId() };
  const range = rangeOf(rangeId);
  const spend = usePolling(
    (signal) => {
      const { from, to } = timeWindow(rangeId);
      return api<Spend>(
        `/usage${query({
          groupBy: `${range.bucket},${group}`,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          timeZone: 'UTC',
        })}`,
        { signal },
      );
    },
    POLL_MS,
    [group, rangeId],
  );
  const rows = spend.data?.rows ?? [];
  const from = spend.data ? Date.parse(spend.data.from) : timeWindow(rangeId).from;
  const to = spend.data ? Date.parse(spend.data.to) : timeWindow(rangeId).to;
  const series = (measure: (r: (typeof rows)[number]) => number) =>
    spendSeries(rows, range.bucket, group, measure);

  const totals = new Map<string, { requests: number; tokens: number; cost: number }>();
  for (const row of rows) {
    const name = row.group[group] ?? '(none)';
    const t = totals.get(name) ?? { requests: 0, tokens: 0, cost: 0 };
    t.requests += row.requests;
    t.tokens += row.totalTokens;
    t.cost += row.costUsd ?? 0;
    totals.set(name, t);
  }

  return (
    <>
      <h1>Usage and cost</h1>
      <div className="form inline-form">
        <label htmlFor={ids.group}>Group by</label>
        <select id={ids.group} value={group} onChange={(e) => setGroup(e.target.value)}>
          {GROUPS.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <label htmlFor={ids.range}>Range</label>
        <select id={ids.range} value={rangeId} onChange={(e) => setRangeId(e.target.value)}>
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <Alert message={spend.error} />
      <div className="charts">
        <TimeChart
          title="Requests over time"
          series={series((r) => r.requests)}
          from={from}
          to={to}
        />
        <TimeChart
          title="Tokens over time"
          series={series((r) => r.totalTokens)}
          from={from}
          to={to}
        />
        <TimeChart
          title="Cost over time"
          series={series((r) => r.costUsd ?? 0)}
          from={from}
          to={to}
          format={formatUsd}
        />
      </div>
      <DataTable
        caption={`Totals by ${group}`}
        columns={[
          { header: group, cell: ([name]) => name },
          { header: 'Requests', cell: ([, t]) => t.requests },
          { header: 'Tokens', cell: ([, t]) => t.tokens },
          { header: 'Cost', cell: ([, t]) => formatUsd(t.cost) },
        ]}
        rows={[...totals.entries()]}
        rowKey={([name]) => name}
      />
      <h2>Slowest calls</h2>
      <RecordsTable title="Slowest calls" params={{ sort: 'latency' }} pollMs={POLL_MS} />
      <h2>Failing calls</h2>
      <RecordsTable title="Failing calls" params={{ failed: 'true' }} pollMs={POLL_MS} />
    </>
  );
}
