import type { SpendRow } from '../../api/types';
import type { Series } from '../../charts/TimeChart';
import { bucketInstant } from '../../charts/scale';

const MAX_SERIES = 6;

/**
 * One series per value of `dimension` (the busiest first, the rest summed as "other"), each
 * point a time bucket with `measure` of that bucket's rows.
 */
export function spendSeries(
  rows: SpendRow[],
  bucket: string,
  dimension: string,
  measure: (row: SpendRow) => number,
): Series[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const name = row.group[dimension] ?? '(none)';
    totals.set(name, (totals.get(name) ?? 0) + row.requests);
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const kept = new Set(ranked.slice(0, MAX_SERIES - 1));
  const overflow = ranked.length > MAX_SERIES - 1 ? 'other' : undefined;
  if (ranked.length === MAX_SERIES) kept.add(ranked[MAX_SERIES - 1]);
  const byName = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const raw = row.group[dimension] ?? '(none)';
    const name = kept.has(raw) ? raw : (overflow ?? raw);
    const time = bucketInstant(row.group[bucket] ?? '');
    if (Number.isNaN(time)) continue;
    const points = byName.get(name) ?? new Map<number, number>();
    points.set(time, (points.get(time) ?? 0) + measure(row));
    byName.set(name, points);
  }
  const order = [...ranked.filter((n) => kept.has(n)), ...(overflow ? [overflow] : [])];
  return order
    .filter((name) => byName.has(name))
    .map((name) => ({
      name,
      points: [...byName.get(name)!.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([time, value]) => ({ time, value })),
    }));
}
