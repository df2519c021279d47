import { useId, useState } from 'react';
import { api, query } from '../../api/client';
import type { GuardDecisionRow } from '../../api/types';
import { Alert } from '../../app/Alert';
import { DataTable } from '../../app/DataTable';
import { usePage } from '../../app/Pager';
import { usePolling } from '../../app/usePolling';
import { TimeChart, type Series } from '../../charts/TimeChart';
import { bucketInstant } from '../../charts/scale';
import { RANGES, rangeOf, timeWindow } from '../usage/ranges';

const POLL_MS = 10_000;
const PAGE_SIZE = 25;

/** One series per guard and action, counts summed per time bucket. */
export function decisionSeries(rows: GuardDecisionRow[]): Series[] {
  const byName = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const name = `${row.guard} ${row.action}`;
    const points = byName.get(name) ?? new Map<number, number>();
    const time = bucketInstant(row.time);
    points.set(time, (points.get(time) ?? 0) + row.count);
    byName.set(name, points);
  }
  return [...byName.entries()].map(([name, points]) => ({
    name,
    points: [...points.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([time, value]) => ({ time, value })),
  }));
}

export function GuardrailsPage() {
  const [rangeId, setRangeId] = useState<string>('day');
  const rangeSelect = useId();
  const range = rangeOf(rangeId);
  const decisions = usePolling(
    (signal) => {
      const { from, to } = timeWindow(rangeId);
      return api<{ rows: GuardDecisionRow[] }>(
        `/guardrails/decisions${query({
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          bucket: range.bucket,
        })}`,
        { signal },
      );
    },
    POLL_MS,
    [rangeId],
  );
  const rows = decisions.data?.rows ?? [];
  const { from, to } = timeWindow(rangeId);
  const totals = new Map<
    string,
    { guard: string; action: string; phase: Set<string>; count: number }
  >();
  for (const row of rows) {
    const name = `${row.guard}\u0000${row.action}`;
    const total = totals.get(name) ?? {
      guard: row.guard,
      action: row.action,
      phase: new Set(),
      count: 0,
    };
    total.count += row.count;
    total.phase.add(row.phase);
    totals.set(name, total);
  }
  const page = usePage(
    [...totals.values()].sort((a, b) => b.count - a.count),
    PAGE_SIZE,
  );

  return (
    <>
      <h1>Guardrails</h1>
      <div className="form inline-form">
        <label htmlFor={rangeSelect}>Range</label>
        <select id={rangeSelect} value={rangeId} onChange={(e) => setRangeId(e.target.value)}>
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <Alert message={decisions.error} />
      <TimeChart
        title="Guardrail decisions over time"
        series={decisionSeries(rows)}
        from={from}
        to={to}
      />
      <DataTable
        caption="Decisions by guard and action"
        columns={[
          { header: 'Guard', cell: (t) => t.guard },
          { header: 'Action', cell: (t) => t.action },
          { header: 'Phase', cell: (t) => [...t.phase].join(', ') },
          { header: 'Decisions', cell: (t) => t.count },
        ]}
        rows={page.rows}
        rowKey={(t) => `${t.guard}/${t.action}`}
        empty={decisions.data ? 'No guardrail decisions in this range.' : undefined}
      />
      {page.pager}
    </>
  );
}
