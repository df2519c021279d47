import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, stubFetch, type Call } from '../../test/fetchStub';
import { records, spend } from '../../test/fixtures/api';
import { spendSeries } from './series';
import { UsagePage } from './UsagePage';

function recordsAnswer(call: Call) {
  const params = call.url.searchParams;
  const prefix = params.get('sort') === 'latency' ? 'slow' : 'fail';
  return params.get('before') === 'c2'
    ? json(records([`${prefix}-3`], null))
    : json(records([`${prefix}-1`, `${prefix}-2`], 'c2'));
}

test('charts requests, tokens and cost over time by the chosen group, from the usage store', async () => {
  const calls = stubFetch({
    'GET /api/v1/usage': json(spend),
    'GET /api/v1/usage/records': recordsAnswer,
  });
  render(<UsagePage />);
  for (const name of ['Requests over time', 'Tokens over time', 'Cost over time']) {
    const chart = await screen.findByRole('img', { name });
    await waitFor(() => expect(chart.querySelectorAll('polyline')).toHaveLength(2));
  }
  const usage = calls.find((c) => c.url.pathname === '/api/v1/usage')!;
  expect(usage.url.searchParams.get('groupBy')).toBe('hour,model');
  expect(usage.url.searchParams.get('timeZone')).toBe('UTC');
  const totals = screen.getByRole('table', { name: 'Totals by model' });
  expect(within(totals).getByRole('row', { name: /agw-demo 10 300/ })).toBeInTheDocument();

  const user = userEvent.setup();
  await user.selectOptions(screen.getByRole('combobox', { name: 'Group by' }), 'team');
  await user.selectOptions(screen.getByRole('combobox', { name: 'Range' }), 'last hour');
  await waitFor(() =>
    expect(calls.some((c) => c.url.searchParams.get('groupBy') === 'minute,team')).toBe(true),
  );
});

test('the slowest and failing calls page through the API cursor', async () => {
  const calls = stubFetch({
    'GET /api/v1/usage': json(spend),
    'GET /api/v1/usage/records': recordsAnswer,
  });
  render(<UsagePage />);
  const slowest = await screen.findByRole('table', { name: 'Slowest calls' });
  await waitFor(() => expect(within(slowest).getAllByRole('row')).toHaveLength(3));
  const failing = screen.getByRole('table', { name: 'Failing calls' });
  expect(calls.some((c) => c.url.searchParams.get('failed') === 'true')).toBe(true);
  await waitFor(() => expect(within(failing).getAllByRole('row')).toHaveLength(3));

  const section = slowest.closest('section')!;
  const user = userEvent.setup();
  expect(within(section).getByRole('button', { name: 'Previous page' })).toBeDisabled();
  await user.click(within(section).getByRole('button', { name: 'Next page' }));
  await waitFor(() => expect(within(slowest).getAllByRole('row')).toHaveLength(2));
  expect(calls.at(-1)!.url.searchParams.get('before')).toBe('c2');
  expect(calls.at(-1)!.url.searchParams.get('sort')).toBe('latency');
  expect(within(section).getByRole('button', { name: 'Next page' })).toBeDisabled();
  await user.click(within(section).getByRole('button', { name: 'Previous page' }));
  await waitFor(() => expect(within(slowest).getAllByRole('row')).toHaveLength(3));
});

test('series keep the busiest groups and sum each bucket', () => {
  const series = spendSeries(spend.rows, 'hour', 'model', (r) => r.requests);
  expect(series.map((s) => s.name)).toEqual(['agw-demo', 'gpt-4o-mini']);
  expect(series[0].points).toEqual([
    { time: Date.parse('2026-12-07T12:00:00Z'), value: 4 },
    { time: Date.parse('2026-12-07T13:00:00Z'), value: 6 },
  ]);
});
