/** The time ranges of the usage and guardrail pages, each with the bucket its charts use. */
export const RANGES = [
  { id: 'hour', label: 'last hour', ms: 3_600_000, bucket: 'minute' },
  { id: 'day', label: 'last day', ms: 86_400_000, bucket: 'hour' },
  { id: 'week', label: 'last 7 days', ms: 7 * 86_400_000, bucket: 'hour' },
  { id: 'month', label: 'last 30 days', ms: 30 * 86_400_000, bucket: 'day' },
] as const;

export type RangeId = (typeof RANGES)[number]['id'];

export function rangeOf(id: string) {
  return RANGES.find((r) => r.id === id) ?? RANGES[1];
}

/** [from, to] of a range ending now, `to` rounded up to the next whole minute. */
export function timeWindow(id: string, now = Date.now()): { from: number; to: number } {
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: to - rangeOf(id).ms, to };
}
