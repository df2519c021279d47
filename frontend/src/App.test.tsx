import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App, PAGES } from './App';
import { json, stubFetch } from './test/fetchStub';
import { overview } from './test/fixtures/api';

test('the main navigation links every page, in order, and each page has its h1', async () => {
  stubFetch({ 'GET /api/v1/overview': json(overview) });
  render(<App />);
  const nav = screen.getByRole('navigation', { name: 'Main' });
  const links = within(nav).getAllByRole('link');
  expect(links.map((l) => l.textContent)).toEqual([
    'Overview',
    'Configuration',
    'LLM playground',
    'MCP playground',
    'A2A',
    'CEL playground',
    'Usage and cost',
    'Keys and budgets',
    'Guardrails',
  ]);
  expect(links.map((l) => l.getAttribute('href'))).toEqual([
    '/ui/',
    '/ui/config',
    '/ui/llm',
    '/ui/mcp',
    '/ui/a2a',
    '/ui/cel',
    '/ui/usage',
    '/ui/keys',
    '/ui/guardrails',
  ]);
  const user = userEvent.setup();
  for (const page of PAGES) {
    await user.click(within(nav).getByRole('link', { name: page.title }));
    expect(window.location.pathname).toBe(page.path === '/' ? '/ui/' : `/ui${page.path}`);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(page.title);
    expect(within(nav).getByRole('link', { name: page.title })).toHaveAttribute(
      'aria-current',
      'page',
    );
  }
  expect(screen.getByRole('banner')).toBeInTheDocument();
  expect(screen.getByRole('main')).toBeInTheDocument();
});

test('a deep link opens its page', () => {
  stubFetch({});
  window.history.replaceState(null, '', '/ui/cel');
  render(<App />);
  expect(screen.getByRole('heading', { level: 1, name: 'CEL playground' })).toBeInTheDocument();
});
