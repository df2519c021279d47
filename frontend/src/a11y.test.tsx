import { render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { App, PAGES } from './App';
import { json, stubFetch } from './test/fetchStub';
import {
  budgetSpend,
  budgets,
  config,
  decisions,
  keys,
  overview,
  records,
  spend,
} from './test/fixtures/api';

// The browser tests run axe-core on the packaged gateway; this catches the ARIA and labelling
// rules early, on every page filled from fixtures. jsdom does no layout, so colour contrast is
// left to the browser tests.
test.each(PAGES.map((p) => [p.title, p.path]))(
  '%s has no serious accessibility violation',
  async (title, path) => {
    stubFetch({
      'GET /api/v1/overview': json(overview),
      'GET /api/v1/config': json(config),
      'GET /api/v1/usage': json(spend),
      'GET /api/v1/usage/records': json(records(['r1', 'r2'], 'next')),
      'GET /api/v1/keys': json(keys),
      'GET /api/v1/budgets': json(budgets),
      'GET /api/v1/budgets/bud_0b7c1f1e/spend': json(budgetSpend),
      'GET /api/v1/guardrails/decisions': json(decisions),
      'GET /agent/.well-known/agent-card.json': json({
        name: 'Hello agent',
        url: 'http://localhost:8080/agent',
      }),
    });
    window.history.replaceState(null, '', path === '/' ? '/ui/' : `/ui${path}`);
    const { container } = render(<App />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    await waitFor(() =>
      expect(container.querySelector('table, select, textarea, form')).not.toBeNull(),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const results = await axe.run(document.body, {
      rules: { 'color-contrast': { enabled: false } },
    });
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
    expect(serious).toEqual([]);
  },
);
