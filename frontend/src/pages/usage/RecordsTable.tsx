import { useState } from 'react';
import { api, query } from '../../api/client';
import type { UsageRecords } from '../../api/types';
import { Alert } from '../../app/Alert';
import { Pager } from '../../app/Pager';
import { usePolling } from '../../app/usePolling';

const PAGE_SIZE = 10;

/** A page of usage records (the API's `next` cursor moves forward; a stack moves back). */
export function RecordsTable(props: {
  title: string;
  params: Record<string, string>;
  pollMs: number;
}) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const paramsKey = JSON.stringify(props.params);
  const { data, error } = usePolling(
    (signal) =>
      api<UsageRecords>(`/usage/records${query({ ...props.params, limit: PAGE_SIZE, before })}`, {
        signal,
      }),
    // Only the first page follows new records; later pages stay put while read.
    cursors.length === 1 ? props.pollMs : 0,
    [before, paramsKey],
  );
  const records = data?.records ?? [];
  return (
    <section className="records">
      <Alert message={error} />
      <table>
        {/* The section's h2 shows the same words; the caption names the table. */}
        <caption className="visually-hidden">{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Route</th>
            <th scope="col">Model</th>
            <th scope="col">Key</th>
            <th scope="col">Status</th>
            <th scope="col">Latency</th>
            <th scope="col">Tokens</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id}>
              <td>{r.time}</td>
              <td>{r.route ?? ''}</td>
              <td>{r.responseModel || r.requestModel}</td>
              <td>{r.key ?? ''}</td>
              <td>
                {r.error && r.error !== String(r.status) ? `${r.status} ${r.error}` : r.status}
              </td>
              <td>{Math.round(r.latencyMs)} ms</td>
              <td>{r.tokens.total ?? ''}</td>
              <td>{r.costUsd != null ? `$${r.costUsd.toFixed(6)}` : ''}</td>
            </tr>
          ))}
          {data && records.length === 0 && (
            <tr>
              <td colSpan={8}>No calls.</td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager
        label={`Page ${cursors.length}`}
        hasPrevious={cursors.length > 1}
        hasNext={Boolean(data?.next)}
        onPrevious={() => setCursors((c) => c.slice(0, -1))}
        onNext={() => data?.next && setCursors((c) => [...c, data.next!])}
      />
    </section>
  );
}
