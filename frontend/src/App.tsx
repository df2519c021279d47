import { useEffect, type ComponentType } from 'react';
import { SignIn } from './auth/SignIn';
import { Link, usePagePath } from './app/router';
import { OverviewPage } from './pages/overview/OverviewPage';
import { ConfigPage } from './pages/config/ConfigPage';
import { LlmPage } from './pages/llm/LlmPage';
import { McpPage } from './pages/mcp/McpPage';
import { A2aPage } from './pages/a2a/A2aPage';
import { CelPage } from './pages/cel/CelPage';
import { UsagePage } from './pages/usage/UsagePage';
import { KeysPage } from './pages/keys/KeysPage';
import { GuardrailsPage } from './pages/guardrails/GuardrailsPage';

/** The pages in navigation order; each page's h1 is its title. */
export const PAGES: { path: string; title: string; component: ComponentType }[] = [
  { path: '/', title: 'Overview', component: OverviewPage },
  { path: '/config', title: 'Configuration', component: ConfigPage },
  { path: '/llm', title: 'LLM playground', component: LlmPage },
  { path: '/mcp', title: 'MCP playground', component: McpPage },
  { path: '/a2a', title: 'A2A', component: A2aPage },
  { path: '/cel', title: 'CEL playground', component: CelPage },
  { path: '/usage', title: 'Usage and cost', component: UsagePage },
  { path: '/keys', title: 'Keys and budgets', component: KeysPage },
  { path: '/guardrails', title: 'Guardrails', component: GuardrailsPage },
];

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </>
  );
}

export function App() {
  const path = usePagePath();
  const page = PAGES.find((p) => p.path === path);
  const Page = page?.component ?? NotFound;
  useEffect(() => {
    document.title = `${page?.title ?? 'Page not found'} · agw`;
  }, [page]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">agw</span>
        <nav aria-label="Main">
          <ul>
            {PAGES.map((p) => (
              <li key={p.path}>
                <Link to={p.path} aria-current={p.path === path ? 'page' : undefined}>
                  {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <SignIn />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page key={path} />
      </main>
    </>
  );
}
