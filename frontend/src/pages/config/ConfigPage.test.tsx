import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, stubFetch } from '../../test/fetchStub';
import { config } from '../../test/fixtures/api';
import { ConfigPage } from './ConfigPage';

test('validation errors are listed at their path', async () => {
  const calls = stubFetch({
    'GET /api/v1/config': json(config),
    'POST /api/v1/config/validate': json({
      valid: false,
      errors: [{ path: 'binds[0].port', message: 'must be between 1 and 65535' }],
    }),
  });
  render(<ConfigPage />);
  const textarea = await screen.findByRole('textbox', { name: 'Configuration YAML' });
  await waitFor(() => expect(textarea).toHaveValue(config.yaml));
  expect(screen.getByText(/Apply writes the configuration file/)).toBeInTheDocument();
  const user = userEvent.setup();
  await user.clear(textarea);
  await user.type(textarea, 'binds: 0');
  await user.click(screen.getByRole('button', { name: 'Validate' }));
  const list = await screen.findByRole('list', { name: 'Configuration errors' });
  expect(
    within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual(['binds[0].port: must be between 1 and 65535']);
  const validate = calls.find((c) => c.url.pathname === '/api/v1/config/validate')!;
  expect(validate.body).toBe('binds: 0');
  expect(validate.headers.get('Content-Type')).toBe('application/yaml');
});

test('a valid configuration is applied and its version shown', async () => {
  const calls = stubFetch({
    'GET /api/v1/config': json(config),
    'POST /api/v1/config/validate': json({ valid: true, errors: [] }),
    'PUT /api/v1/config': json({ applied: true, version: 7 }),
  });
  render(<ConfigPage />);
  await waitFor(() =>
    expect(screen.getByRole('textbox', { name: 'Configuration YAML' })).toHaveValue(config.yaml),
  );
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Validate' }));
  expect(await screen.findByRole('status')).toHaveTextContent('Configuration is valid');
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  await waitFor(() =>
    expect(screen.getByRole('status')).toHaveTextContent('Configuration applied (version 7)'),
  );
  expect(calls.find((c) => c.method === 'PUT')!.body).toBe(config.yaml);
});

test('a refused apply lists its errors; a write refused with 401 says to sign in', async () => {
  stubFetch({
    'GET /api/v1/config': json({ ...config, storage: 'hybrid', overlay: 'binds: []\n' }),
    'PUT /api/v1/config': [
      json(
        {
          error: { type: 'invalid_config', message: 'refused' },
          errors: [{ path: 'binds', message: 'bad' }],
        },
        400,
      ),
      json({ error: { type: 'unauthorized', message: 'admin credential required' } }, 401),
    ],
  });
  render(<ConfigPage />);
  const user = userEvent.setup();
  await screen.findByRole('button', { name: 'Reset overlay' });
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  const list = await screen.findByRole('list', { name: 'Configuration errors' });
  expect(list).toHaveTextContent('binds: bad');
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Sign in with the admin token');
});
