// Scales and ticks for the time charts. The charts are our own small SVG components: every
// chart here is a line or bar series over time with two axes, and a chart library would be
// most of the bundle for that.

/** Maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps to r0. */
export function linearScale(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const width = d1 - d0;
  return (value: number) => (width === 0 ? r0 : r0 + ((value - d0) / width) * (r1 - r0));
}

/** A round upper bound and evenly spaced ticks from 0 to it (1, 2 or 5 times a power of ten). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let i = 0; i * step < max + step * 1e-9; i++) ticks.push(round(i * step));
  if (ticks[ticks.length - 1] < max) ticks.push(round(ticks.length * step));
  return ticks;
}

function round(value: number) {
  return Number(value.toPrecision(12));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick instants on round minutes, hours or days spanning [from, to], about `count` of them. */
export function timeTicks(from: number, to: number, count = 6): number[] {
  const span = to - from;
  if (span <= 0) return [from];
  const steps = [
    MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
  ];
  const step = steps.find((s) => span / s <= count) ?? 7 * DAY;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** A tick label in UTC: time of day for short spans, the date for longer ones. */
export function formatTick(instant: number, span: number): string {
  const iso = new Date(instant).toISOString();
  return span <= 2 * DAY ? iso.slice(11, 16) : iso.slice(5, 10);
}

/**
 * The instant of a usage time bucket: `2026-12-07` (day), `2026-12-07T13:00` (hour or minute),
 * read in UTC (the UI asks for UTC buckets), or a full ISO instant.
 */
export function bucketInstant(bucket: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(bucket)) return Date.parse(`${bucket}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(bucket)) return Date.parse(`${bucket}:00Z`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(bucket)) return Date.parse(`${bucket}Z`);
  return Date.parse(bucket);
}
