import { render, screen, within } from '@testing-library/react';
import { json, stubFetch } from '../../test/fetchStub';
import { overview } from '../../test/fixtures/api';
import { OverviewPage } from './OverviewPage';

test('the overview shows listeners, routes, backend health and the refused configuration', async () => {
  stubFetch({ 'GET /api/v1/overview': json(overview) });
  render(<OverviewPage />);
  for (const name of ['Listeners', 'Routes', 'Backends', 'Reloads']) {
    expect(await screen.findByRole('heading', { level: 2, name })).toBeInTheDocument();
  }
  const routes = screen.getByRole('table', { name: 'Routes' });
  expect(within(routes).getAllByRole('row')).toHaveLength(4);
  expect(within(routes).getByRole('cell', { name: 'cors, apiKey' })).toBeInTheDocument();
  const backends = screen.getByRole('table', { name: 'Backends' });
  expect(within(backends).getByText('ejected until 2026-12-07T14:05:00Z')).toBeInTheDocument();
  expect(
    within(screen.getByRole('table', { name: 'Listeners' })).getByRole('cell', { name: '8080' }),
  ).toBeInTheDocument();
  expect(screen.getByText(/Version 3 applied at 2026-12-07T14:01:00Z/)).toBeInTheDocument();
  const refused = screen.getByRole('alert');
  expect(
    within(refused)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual(['binds[0].listeners[0].routes[0].backends: must not be empty']);
});

test('an API error is shown with the server message', async () => {
  stubFetch({
    'GET /api/v1/overview': json(
      { error: { type: 'unavailable', message: 'store is opening' } },
      503,
    ),
  });
  render(<OverviewPage />);
  expect(await screen.findByRole('alert')).toHaveTextContent('store is opening');
});
