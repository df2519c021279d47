import { render, screen } from '@testing-library/react';
import { TimeChart } from './TimeChart';

const from = Date.parse('2026-12-07T12:00:00Z');
const to = Date.parse('2026-12-07T14:00:00Z');

test('one series draws a bar per point with its value as tooltip', () => {
  render(
    <TimeChart
      title="Requests over time"
      from={from}
      to={to}
      series={[
        {
          name: 'all',
          points: [
            { time: from, value: 4 },
            { time: from + 3_600_000, value: 8 },
          ],
        },
      ]}
    />,
  );
  const chart = screen.getByRole('img', { name: 'Requests over time' });
  const bars = chart.querySelectorAll('rect');
  expect(bars).toHaveLength(2);
  expect(Number(bars[1].getAttribute('height'))).toBeCloseTo(
    2 * Number(bars[0].getAttribute('height')),
  );
  expect(bars[1].querySelector('title')?.textContent).toBe('2026-12-07T13:00:00.000Z: 8');
});

test('several series draw lines with a legend', () => {
  render(
    <TimeChart
      title="Cost over time"
      from={from}
      to={to}
      series={[
        { name: 'agw-demo', points: [{ time: from, value: 1 }] },
        { name: 'gpt-4o-mini', points: [{ time: from, value: 2 }] },
      ]}
    />,
  );
  const chart = screen.getByRole('img', { name: 'Cost over time' });
  expect(chart.querySelectorAll('polyline')).toHaveLength(2);
  expect(screen.getByText('gpt-4o-mini')).toBeInTheDocument();
});

test('an empty chart says so', () => {
  render(<TimeChart title="Tokens over time" from={from} to={to} series={[]} />);
  expect(screen.getByText('No data in this range')).toBeInTheDocument();
});
