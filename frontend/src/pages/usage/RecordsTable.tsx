import { useState } from 'react';
import { api, query } from '../../api/client';
import type { UsageRecords } from '../../api/types';
import { Alert } from '../../app/Alert';
import { type Column, DataTable } from '../../app/DataTable';
import { Pager } from '../../app/Pager';
import { usePolling } from '../../app/usePolling';

const PAGE_SIZE = 10;

const RECORD_COLUMNS: Column<UsageRecords['records'][number]>[] = [
  { header: 'Time', cell: (r) => r.time },
  { header: 'Route', cell: (r) => r.route ?? '' },
  { header: 'Model', cell: (r) => r.responseModel || r.requestModel },
  { header: 'Key', cell: (r) => r.key ?? '' },
  {
    header: 'Status',
    cell: (r) => (r.error && r.error !== String(r.status) ? `${r.status} ${r.error}` : r.status),
  },
  { header: 'Latency', cell: (r) => `${Math.round(r.latencyMs)} ms` },
  { header: 'Tokens', cell: (r) => r.tokens.total ?? '' },
  { header: 'Cost', cell: (r) => (r.costUsd != null ? `$${r.costUsd.toFixed(6)}` : '') },
];

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
      {/* The section's h2 shows the same words; the caption names the table. */}
      <DataTable
        caption={props.title}
        captionHidden
        columns={RECORD_COLUMNS}
        rows={records}
        rowKey={(r) => r.id}
        empty={data ? 'No calls.' : undefined}
      />
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
