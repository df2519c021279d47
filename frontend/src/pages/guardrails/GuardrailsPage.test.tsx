import { render, screen, waitFor, within } from '@testing-library/react';
import { json, stubFetch } from '../../test/fetchStub';
import { decisions } from '../../test/fixtures/api';
import { GuardrailsPage, decisionSeries } from './GuardrailsPage';

test('decisions over time by guard and action', async () => {
  const calls = stubFetch({ 'GET /api/v1/guardrails/decisions': json(decisions) });
  render(<GuardrailsPage />);
  const chart = screen.getByRole('img', { name: 'Guardrail decisions over time' });
  await waitFor(() => expect(chart.querySelectorAll('polyline')).toHaveLength(2));
  const table = screen.getByRole('table', { name: 'Decisions by guard and action' });
  const rows = within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent);
  expect(rows).toEqual(['regexmaskedrequest4', 'moderationrejectedresponse2']);
  expect(calls[0].url.searchParams.get('bucket')).toBe('hour');
});

test('the series are summed per guard and action', () => {
  const series = decisionSeries(decisions.rows);
  expect(series.map((s) => [s.name, s.points.map((p) => p.value)])).toEqual([
    ['regex masked', [3, 1]],
    ['moderation rejected', [2]],
  ]);
});
