import { bucketInstant, formatTick, linearScale, niceTicks, timeTicks } from './scale';

test('a linear scale maps the domain onto the range, inverted ranges included', () => {
  const y = linearScale([0, 100], [200, 0]);
  expect(y(0)).toBe(200);
  expect(y(100)).toBe(0);
  expect(y(25)).toBe(150);
  expect(linearScale([5, 5], [10, 20])(5)).toBe(10);
});

test('nice ticks end on a round value at or above the maximum', () => {
  expect(niceTicks(87)).toEqual([0, 50, 100]);
  expect(niceTicks(100)).toEqual([0, 50, 100]);
  expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
  expect(niceTicks(0.0031)).toEqual([0, 0.001, 0.002, 0.003, 0.004]);
  expect(niceTicks(0)).toEqual([0, 1]);
});

test('time ticks fall on round steps inside the window', () => {
  const from = Date.parse('2026-12-07T13:07:00Z');
  const to = Date.parse('2026-12-07T14:07:00Z');
  const ticks = timeTicks(from, to);
  expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
    '13:10',
    '13:20',
    '13:30',
    '13:40',
    '13:50',
    '14:00',
  ]);
  expect(formatTick(ticks[0], to - from)).toBe('13:10');
  expect(formatTick(Date.parse('2026-12-01T00:00:00Z'), 30 * 86_400_000)).toBe('12-01');
});

test('usage buckets are read as UTC instants', () => {
  expect(bucketInstant('2026-12-07')).toBe(Date.parse('2026-12-07T00:00:00Z'));
  expect(bucketInstant('2026-12-07T13:00')).toBe(Date.parse('2026-12-07T13:00:00Z'));
  expect(bucketInstant('2026-12-07T13:05:00Z')).toBe(Date.parse('2026-12-07T13:05:00Z'));
});
