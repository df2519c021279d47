import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, stubFetch } from '../../test/fetchStub';
import { budgetSpend, budgets, keys } from '../../test/fixtures/api';
import { KeysPage } from './KeysPage';

const created = {
  ...keys.keys[0],
  id: 'vk_new',
  name: 'demo',
  key: 'agw-SECRETsecretSECRETsecret',
};

function stub() {
  return stubFetch({
    'GET /api/v1/keys': json(keys),
    'POST /api/v1/keys': json(created, 201),
    'POST /api/v1/keys/vk_3f9a0c1d2e4b5a6978877665/rotate': json({
      ...keys.keys[0],
      key: 'agw-ROTATED',
    }),
    'DELETE /api/v1/keys/vk_3f9a0c1d2e4b5a6978877665': json({
      ...keys.keys[0],
      revokedAt: '2026-12-07T14:00:00Z',
    }),
    'GET /api/v1/budgets': json(budgets),
    'GET /api/v1/budgets/bud_0b7c1f1e/spend': json(budgetSpend),
    'POST /api/v1/budgets': json(budgets.budgets[0], 201),
  });
}

test('creating a key sends its fields and shows the secret once', async () => {
  const calls = stub();
  render(<KeysPage />);
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Name' }), 'demo');
  await user.type(screen.getByRole('textbox', { name: 'Team' }), 'alpha');
  await user.type(screen.getByRole('textbox', { name: 'User' }), 'ada');
  await user.type(screen.getByRole('textbox', { name: 'Allowed models' }), 'agw-demo, gpt-*');
  await user.type(screen.getByRole('spinbutton', { name: 'Requests per minute' }), '60');
  await user.type(screen.getByRole('spinbutton', { name: 'Tokens per minute' }), '1000');
  expect(screen.getByLabelText('Expires at')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Create key' }));
  const secret = screen.getByRole('region', { name: 'New key secret' });
  await waitFor(() => expect(secret).toHaveTextContent('agw-SECRETsecretSECRETsecret'));
  expect(JSON.parse(calls.find((c) => c.method === 'POST')!.body!)).toEqual({
    name: 'demo',
    team: 'alpha',
    user: 'ada',
    allowedModels: ['agw-demo', 'gpt-*'],
    limits: { requestsPerMinute: 60, tokensPerMinute: 1000 },
    expiresAt: null,
  });
});

test('rotate shows the new secret; revoke asks for confirmation first', async () => {
  const calls = stub();
  render(<KeysPage />);
  const user = userEvent.setup();
  const table = screen.getByRole('table', { name: 'Virtual keys' });
  await user.click(await within(table).findByRole('button', { name: 'Rotate ci' }));
  await waitFor(() =>
    expect(screen.getByRole('region', { name: 'New key secret' })).toHaveTextContent('agw-ROTATED'),
  );

  await user.click(within(table).getByRole('button', { name: 'Revoke ci' }));
  const dialog = screen.getByRole('dialog');
  expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
  await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
  await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
});

test('a write refused with 401 says to sign in', async () => {
  stubFetch({
    'GET /api/v1/keys': json(keys),
    'GET /api/v1/budgets': json({ budgets: [] }),
    'POST /api/v1/keys': json(
      { error: { type: 'unauthorized', message: 'missing credential' } },
      401,
    ),
  });
  render(<KeysPage />);
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Name' }), 'demo');
  await user.click(screen.getByRole('button', { name: 'Create key' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Sign in with the admin token');
});

test('each budget shows its spend as a progress bar and budgets can be created', async () => {
  const calls = stub();
  render(<KeysPage />);
  expect(screen.getByRole('heading', { level: 2, name: 'Budgets' })).toBeInTheDocument();
  const bar = await screen.findByRole('progressbar', { name: 'Spend of bud_0b7c1f1e' });
  expect(bar).toHaveAttribute('aria-valuenow', '3');
  expect(bar).toHaveAttribute('aria-valuemax', '10');
  expect(bar).toHaveAttribute('aria-valuetext', '$3.00 of $10.00');
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Subject' }), 'beta');
  await user.type(screen.getByRole('spinbutton', { name: 'Amount' }), '25');
  await user.click(screen.getByRole('button', { name: 'Create budget' }));
  await waitFor(() =>
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/v1/budgets')).toBe(
      true,
    ),
  );
  const body = JSON.parse(
    calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/v1/budgets')!.body!,
  );
  expect(body).toEqual({
    scope: 'team',
    subject: 'beta',
    unit: 'usd',
    amount: 25,
    window: 'monthly',
    mode: 'hard',
  });
});
