import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../App';
import { api } from '../api/client';
import { json, stubFetch } from '../test/fetchStub';
import { overview } from '../test/fixtures/api';

test('the token given in the dialog is kept in sessionStorage and sent on every API call', async () => {
  const calls = stubFetch({
    'GET /api/v1/overview': json(overview),
    'GET /api/v1/keys': json({ keys: [] }),
  });
  render(<App />);
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  const dialog = screen.getByRole('dialog', { name: 'Sign in' });
  await user.type(screen.getByLabelText('Admin token'), 'tok-123');
  expect(screen.getByLabelText('Admin token')).toHaveAttribute('type', 'password');
  await user.click(screen.getByRole('button', { name: 'Save token' }));
  expect(dialog).not.toBeInTheDocument();
  expect(sessionStorage.getItem('agw.adminToken')).toBe('tok-123');
  expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();

  await api('/keys');
  expect(calls.at(-1)!.headers.get('Authorization')).toBe('Bearer tok-123');

  await user.click(screen.getByRole('button', { name: 'Sign out' }));
  expect(sessionStorage.getItem('agw.adminToken')).toBeNull();
  await api('/keys');
  expect(calls.at(-1)!.headers.has('Authorization')).toBe(false);
});

test('without a token, local reads go out with no Authorization header', async () => {
  const calls = stubFetch({ 'GET /api/v1/overview': json(overview) });
  render(<App />);
  await waitFor(() => expect(calls.length).toBeGreaterThan(0));
  expect(calls[0].headers.has('Authorization')).toBe(false);
});
