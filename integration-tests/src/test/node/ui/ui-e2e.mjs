// The admin UI in a real browser: Debian's Chromium driven by playwright-core, axe-core injected
// into every page. Run by UiBrowserEndToEndTest (integration-tests), which starts the gateway and
// its upstreams and passes their addresses in a JSON file:
//
//   node ui-e2e.mjs settings.json
//
// settings: chromium, userDataDir, uiBase (http://localhost:<admin port>), trafficBase, adminToken,
// llmRoute, llmPath, model, answer (the simulator's text), failedStatus (of the one call the test
// made fail before), mcpRoute, a2aRoute, a2aPath,
// a2aAgentPort, screenshots (the folder for <page>.png), evidence (a folder for screenshots of
// failed scenarios; optional).
//
// Every scenario is a named check. Progress goes to stderr; stdout gets exactly one line, a JSON
// document {"scenarios":[{"name","ok","ms","details"|"error"}]}. Exit code 0 when every scenario
// passed, 1 otherwise, 2 when the browser could not even start.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const log = (...args) => console.error('[ui-e2e]', ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ui = (path) => settings.uiBase + path;

// The pages of the contract, in the order of the "Main" navigation.
const PAGES = [
  { id: 'overview', path: '/ui/', title: 'Overview' },
  { id: 'config', path: '/ui/config', title: 'Configuration' },
  { id: 'llm', path: '/ui/llm', title: 'LLM playground' },
  { id: 'mcp', path: '/ui/mcp', title: 'MCP playground' },
  { id: 'a2a', path: '/ui/a2a', title: 'A2A' },
  { id: 'cel', path: '/ui/cel', title: 'CEL playground' },
  { id: 'usage', path: '/ui/usage', title: 'Usage and cost' },
  { id: 'keys', path: '/ui/keys', title: 'Keys and budgets' },
  { id: 'guardrails', path: '/ui/guardrails', title: 'Guardrails' },
];

const SCENARIO_TIMEOUT_MS = 90_000;
const results = [];
let lastPage = null;
let llmGuardrail = null;
const screenshotsTaken = new Set();

/** Runs one named check; a thrown error fails it, with the message in the output. */
async function scenario(name, body) {
  const start = Date.now();
  log('start:', name);
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`scenario did not finish in ${SCENARIO_TIMEOUT_MS} ms`)), SCENARIO_TIMEOUT_MS);
    });
    const details = await Promise.race([body(), timeout]);
    results.push({ name, ok: true, ms: Date.now() - start, details: details ?? null });
    log('passed:', name);
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - start, error: String(error?.stack ?? error) });
    log('FAILED:', name, String(error?.message ?? error));
    await keepEvidence(name);
    // Closing the page ends whatever the scenario was still doing on it (a timed-out body goes on
    // running otherwise, and would act on the pages of later scenarios' time).
    await lastPage?.close().catch(() => {});
  } finally {
    clearTimeout(timer);
  }
}

/** A failed scenario leaves a screenshot of the page it was on in the run's own folder. */
async function keepEvidence(name) {
  if (!settings.evidence || !lastPage || lastPage.isClosed()) {
    return;
  }
  try {
    mkdirSync(settings.evidence, { recursive: true });
    const file = join(settings.evidence, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.png`);
    await lastPage.screenshot({ path: file, fullPage: true, timeout: 10_000 });
    log('  screenshot of the failure:', file);
  } catch (error) {
    log('  no screenshot of the failure:', String(error?.message ?? error));
  }
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** Polls fn until it returns a truthy value, or fails saying what was awaited. */
async function until(what, fn, timeoutMs = 20_000, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) {
        return last;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last?.message ?? last)})`);
    }
    await sleep(intervalMs);
  }
}

/**
 * What went wrong on a page that the user would notice or the developer tools would show: console
 * errors, uncaught exceptions, failed requests and answers >= 400. A scenario that provokes an
 * error on purpose allows it by URL part and status.
 */
class Watcher {
  constructor(page) {
    this.problems = [];
    this.allowed = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') {
        return;
      }
      const url = message.location()?.url ?? '';
      const status = /status of (\d{3})/.exec(message.text())?.[1];
      if (status && this.isAllowed(url, Number(status))) {
        return;
      }
      this.problems.push(`console error: ${message.text()} (${url})`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught exception: ${error.message}`));
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      if (this.closing || this.isAllowed(request.url(), failure)) {
        return;
      }
      this.problems.push(`request failed: ${request.method()} ${request.url()}: ${failure}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !this.isAllowed(response.url(), response.status())) {
        this.problems.push(`answer ${response.status()}: ${response.request().method()} ${response.url()}`);
      }
    });
  }

  allow(urlPart, statusOrFailure) {
    this.allowed.push({ urlPart, statusOrFailure });
  }

  isAllowed(url, statusOrFailure) {
    return this.allowed.some((a) => url.includes(a.urlPart) && a.statusOrFailure === statusOrFailure);
  }

  assertClean() {
    check(this.problems.length === 0, `problems on the page:\n  ${this.problems.join('\n  ')}`);
  }
}

async function openPage(context, path) {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  lastPage = page;
  const watcher = new Watcher(page);
  const response = await page.goto(ui(path), { waitUntil: 'domcontentloaded' });
  check(response && response.status() < 400, `GET ${ui(path)} answered ${response?.status()}`);
  return { page, watcher };
}

async function closePage(page, watcher) {
  watcher.closing = true;
  await page.close();
}

async function heading(page, title) {
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
}

/** Selects the first option of a select whose text or value contains text (once it is there). */
async function selectContaining(select, text) {
  const value = await until(`an option containing "${text}"`, () =>
    select.evaluate(
      (element, wanted) =>
        [...element.options].find((o) => o.textContent.includes(wanted) || o.value.includes(wanted))?.value,
      text
    )
  );
  await select.selectOption(value);
  return value;
}

async function textOf(locator) {
  return (await locator.innerText()).trim();
}

/** The terms and definitions of a description list, as an object. */
async function descriptionList(locator) {
  return locator.evaluate((dl) => {
    const terms = {};
    let term = null;
    for (const child of dl.querySelectorAll('dt, dd')) {
      if (child.tagName === 'DT') {
        term = child.textContent.trim();
        terms[term] = '';
      } else if (term !== null) {
        terms[term] = `${terms[term]} ${child.textContent.trim()}`.trim();
      }
    }
    return terms;
  });
}

/** A latency as the page writes it ("316 ms", "1.5 s") in milliseconds. */
function millis(text) {
  const m = /([\d.,]+)\s*(ms|s)\b/.exec(text ?? '');
  if (!m) {
    return NaN;
  }
  const value = Number(m[1].replace(/,/g, ''));
  return m[2] === 's' ? value * 1000 : value;
}

/** The texts of one column of a table's body rows, found by its header. */
async function columnOf(table, header) {
  return table.evaluate((element, wanted) => {
    const headers = [...element.querySelectorAll('thead th, tr:first-child th')].map((th) => th.textContent.trim());
    const index = headers.indexOf(wanted);
    if (index < 0) {
      return [];
    }
    return [...element.querySelectorAll('tbody tr')]
      .map((row) => row.querySelectorAll('td, th')[index]?.textContent.trim())
      .filter((text) => text !== undefined);
  }, header);
}

async function screenshot(page, id) {
  mkdirSync(settings.screenshots, { recursive: true });
  // Let charts and polled tables settle; nothing the page polls keeps the network busy for long.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  await page.screenshot({ path: join(settings.screenshots, `${id}.png`), fullPage: true, animations: 'disabled' });
  screenshotsTaken.add(id);
}

async function signIn(page) {
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Admin token', { exact: true }).fill(settings.adminToken);
  await dialog.getByRole('button', { name: 'Save token', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
}

async function callLlmRoute(key) {
  const response = await fetch(settings.trafficBase + settings.llmPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: settings.model, messages: [{ role: 'user', content: 'hello' }] }),
  });
  return { status: response.status, body: (await response.text()).slice(0, 300) };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

async function writeWithoutTokenAsksToSignIn(context) {
  const { page, watcher } = await openPage(context, '/ui/keys');
  watcher.allow('/api/v1/keys', 401);
  await heading(page, 'Keys and budgets');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('unsigned-key');
  await page.getByRole('button', { name: 'Create key', exact: true }).click();
  const alert = await until('an alert that asks to sign in', async () => {
    for (const a of await page.getByRole('alert').all()) {
      const text = await textOf(a);
      if (/sign in/i.test(text)) {
        return text;
      }
    }
    return null;
  });
  watcher.assertClean();
  await closePage(page, watcher);
  return { alert };
}

async function llmPlaygroundStreams(context) {
  const { page, watcher } = await openPage(context, '/ui/llm');
  await heading(page, 'LLM playground');
  const route = await selectContaining(page.getByRole('combobox', { name: 'Route', exact: true }), settings.llmRoute);
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill(settings.model);
  const stream = page.getByRole('checkbox', { name: 'Stream', exact: true });
  check(await stream.isChecked(), '"Stream" is not checked by default');
  // The e-mail address is masked by the route's prompt guard: the Guardrails page shows it later.
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello from the browser; write to jane.doe@example.com');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const conversation = page.getByRole('log', { name: 'Conversation' });
  await until('the streamed answer in the Conversation log', async () =>
    (await textOf(conversation)).includes(settings.answer)
  );
  const details = page.getByLabel('Answer details', { exact: true }).last();
  const terms = await until('Answer details with tokens and the OpenAI provider', async () => {
    const t = await descriptionList(details);
    return /\d/.test(t.Tokens ?? '') && /openai/i.test(t.Provider ?? '') ? t : null;
  });
  for (const term of ['Tokens', 'Cost', 'Latency', 'Provider', 'Guardrail']) {
    check(term in terms, `Answer details lack the term "${term}": ${JSON.stringify(terms)}`);
  }
  // The usage record behind the details may arrive a little later; a later check reads this.
  llmGuardrail = await until('the mask in "Guardrail"', async () => {
    const t = await descriptionList(details);
    return /mask/i.test(t.Guardrail ?? '') ? t.Guardrail : null;
  }, 15_000).catch(async () => (await descriptionList(details)).Guardrail ?? '(no Guardrail term)');
  await screenshot(page, 'llm');
  watcher.assertClean();
  await closePage(page, watcher);
  return { route, answerDetails: terms };
}

async function mcpPlaygroundCallsATool(context) {
  const { page, watcher } = await openPage(context, '/ui/mcp');
  // The MCP SDK cancels the body of an answer it needs no more of (a 202 to a notification, a
  // request's stream once its response arrived); Chromium reports that as an aborted request.
  watcher.allow('/mcp', 'net::ERR_ABORTED');
  await heading(page, 'MCP playground');
  const route = await selectContaining(page.getByRole('combobox', { name: 'Route', exact: true }), settings.mcpRoute);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  for (const section of ['Tools', 'Prompts', 'Resources']) {
    await page.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
  }
  // One target: the gateway may keep the tool's own name or prefix it with the target's.
  const echo = page.getByRole('button', { name: /^(everything_)?echo$/ });
  await echo.first().waitFor();
  const toolName = await textOf(echo.first());
  await echo.first().click();
  const text = 'hello from the browser';
  await page.getByRole('textbox', { name: 'message', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Call tool', exact: true }).click();
  const result = page.getByRole('region', { name: 'Tool result' });
  const shown = await until('the echo in "Tool result"', async () => {
    const t = await textOf(result);
    return t.includes(`Echo: ${text}`) ? t : null;
  });
  await page.getByRole('log', { name: 'Notifications' }).waitFor({ state: 'attached' });
  await screenshot(page, 'mcp');
  watcher.assertClean();
  await closePage(page, watcher);
  return { route, tool: toolName, result: shown.slice(0, 300) };
}

async function a2aPageStreams(context) {
  const { page, watcher } = await openPage(context, '/ui/a2a');
  await heading(page, 'A2A');
  const agent = await selectContaining(page.getByRole('combobox', { name: 'Agent', exact: true }), settings.a2aRoute);
  const card = page.getByRole('region', { name: 'Agent card' });
  const port = new URL(settings.trafficBase).port;
  const cardText = await until('the rewritten card (the gateway\'s address)', async () => {
    const t = await textOf(card);
    return t.includes(`:${port}${settings.a2aPath}`) ? t : null;
  });
  check(
    !cardText.includes(`:${settings.a2aAgentPort}`),
    `the card still names the agent's own port ${settings.a2aAgentPort}: ${cardText.slice(0, 500)}`
  );
  const message = 'run a task from the browser';
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(message);
  await page.getByRole('button', { name: 'Send message', exact: true }).click();
  const events = page.getByRole('log', { name: 'Agent events' });
  const shown = await until('the streamed task events in "Agent events"', async () => {
    const t = await textOf(events);
    return t.includes(`echo: ${message}`) && /completed/i.test(t) ? t : null;
  });
  await screenshot(page, 'a2a');
  watcher.assertClean();
  await closePage(page, watcher);
  return { agent, events: shown.slice(0, 500) };
}

async function celPlaygroundEvaluates(context) {
  const { page, watcher } = await openPage(context, '/ui/cel');
  watcher.allow('/api/v1/cel/evaluate', 400);
  await heading(page, 'CEL playground');
  await signIn(page); // an evaluation is a POST: only reads are open to local callers
  await page
    .getByRole('textbox', { name: 'Request (JSON)', exact: true })
    .fill(JSON.stringify({ method: 'POST', path: '/v1/chat/completions', headers: { 'x-team': 'blue' } }, null, 2));
  await page.getByRole('textbox', { name: 'Expression', exact: true }).fill('request.path + " by " + request.method');
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const result = page.getByRole('region', { name: 'Result' });
  const shown = await until('the value in "Result"', async () => {
    const t = await textOf(result);
    return t.includes('/v1/chat/completions by POST') ? t : null;
  });
  await screenshot(page, 'cel');
  await page.getByRole('textbox', { name: 'Expression', exact: true }).fill('request.method ==');
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const error = await until('an alert for the broken expression', async () => {
    const alerts = await page.getByRole('alert').all();
    return alerts.length > 0 ? textOf(alerts[0]) : null;
  });
  watcher.assertClean();
  await closePage(page, watcher);
  return { result: shown, error };
}

async function keyWorksUntilRevoked(context) {
  const { page, watcher } = await openPage(context, '/ui/keys');
  await heading(page, 'Keys and budgets');
  await signIn(page);
  const name = `browser-key-${Date.now()}`;
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Team', exact: true }).fill('e2e');
  await page.getByRole('button', { name: 'Create key', exact: true }).click();
  const secretRegion = page.getByRole('region', { name: 'New key secret' });
  const secret = await until('the secret in "New key secret"', async () =>
    /agw-[A-Za-z0-9_-]{20,}/.exec(await textOf(secretRegion))?.[0]
  );
  const table = page.getByRole('table', { name: 'Virtual keys' });
  await until(`the key ${name} in "Virtual keys"`, async () => (await textOf(table)).includes(name));

  const withKey = await callLlmRoute(secret);
  check(withKey.status === 200, `the new key was not accepted: ${JSON.stringify(withKey)}`);
  const unknown = await callLlmRoute('agw-thisKeyWasNeverIssuedByTheGatewayAtAll0');
  check(
    unknown.status === 401 || unknown.status === 403,
    `an unknown key was not refused, so the route does not check keys: ${JSON.stringify(unknown)}`
  );

  await page.getByRole('button', { name: `Revoke ${name}`, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm', exact: true }).click();
  const refused = await until(
    'the revoked key to be refused',
    async () => {
      const r = await callLlmRoute(secret);
      return r.status === 401 || r.status === 403 ? r : null;
    },
    15_000,
    500
  );
  await screenshot(page, 'keys');
  watcher.assertClean();
  await closePage(page, watcher);
  return { key: name, beforeRevoke: withKey.status, unknownKey: unknown.status, afterRevoke: refused };
}

async function configErrorAtItsPath(context) {
  const { page, watcher } = await openPage(context, '/ui/config');
  await heading(page, 'Configuration');
  await signIn(page); // validating is a POST: only reads are open to local callers
  const editor = page.getByRole('textbox', { name: 'Configuration YAML', exact: true });
  const live = await until('the live configuration in the editor', async () => {
    const value = await editor.inputValue();
    return value.includes(settings.a2aPath) ? value : null;
  });
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  await until('"Configuration is valid" for the live document', async () => {
    for (const s of await page.getByRole('status').all()) {
      if ((await textOf(s)).includes('Configuration is valid')) {
        return true;
      }
    }
    return false;
  });
  await screenshot(page, 'config');
  const port = new URL(settings.trafficBase).port;
  const broken = [
    'binds:',
    `  - port: ${port}`,
    '    listeners:',
    '      - name: main',
    '        routes:',
    '          - name: broken',
    '            matches:',
    '              - path:',
    '                  pathPrefix: /broken',
    '            policies:',
    '              cors:',
    '                allowOrigin: ["http://localhost"]',
    '            backends:',
    '              - host: 127.0.0.1:9',
    '',
  ].join('\n');
  await editor.fill(broken);
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  const errors = page.getByRole('list', { name: 'Configuration errors' });
  const path = 'binds[0].listeners[0].routes[0].policies.cors.allowOrigin';
  const items = await until(`an error at ${path}`, async () => {
    const texts = await errors.getByRole('listitem').allInnerTexts();
    return texts.some((t) => t.trim().startsWith(`${path}: `)) ? texts : null;
  });
  watcher.assertClean();
  await closePage(page, watcher);
  return { liveLength: live.length, errors: items };
}

async function guardrailsShowTheMask(context) {
  const { page, watcher } = await openPage(context, '/ui/guardrails');
  watcher.allow('/api/v1/guardrails/decisions', 'net::ERR_ABORTED'); // our reloads cut its polls
  await heading(page, 'Guardrails');
  const table = page.getByRole('table', { name: 'Decisions by guard and action' });
  // Decisions are written to the usage store in the background: reload until the row is there.
  const row = await until(
    'a masking decision in "Decisions by guard and action"',
    async () => {
      for (const r of await table.getByRole('row').all()) {
        const t = await textOf(r);
        if (/mask/i.test(t) && /\d/.test(t)) {
          return t;
        }
      }
      await page.reload({ waitUntil: 'domcontentloaded' });
      await heading(page, 'Guardrails');
      return null;
    },
    40_000,
    2_000
  );
  watcher.assertClean();
  await closePage(page, watcher);
  return { row };
}

/** Waits until a page shows the data a user opens it for. */
const READY = {
  overview: async (page) => {
    for (const section of ['Listeners', 'Routes', 'Backends', 'Reloads']) {
      await page.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
    }
    await until('the routes in the overview', async () => {
      const t = await page.locator('main').innerText();
      return t.includes(settings.a2aPath) && t.includes(settings.mcpRoute);
    });
  },
  config: async (page) =>
    until('the live configuration', async () =>
      (await page.getByRole('textbox', { name: 'Configuration YAML', exact: true }).inputValue()).includes(settings.a2aPath)
    ),
  llm: async (page) =>
    until('the LLM routes', async () => (await page.getByRole('combobox', { name: 'Route', exact: true }).innerText()).includes(settings.llmRoute)),
  mcp: async (page) =>
    until('the MCP routes', async () => (await page.getByRole('combobox', { name: 'Route', exact: true }).innerText()).includes(settings.mcpRoute)),
  a2a: async (page) =>
    until('the agents', async () => (await page.getByRole('combobox', { name: 'Agent', exact: true }).innerText()).includes(settings.a2aRoute)),
  cel: async (page) => page.getByRole('button', { name: 'Evaluate', exact: true }).waitFor(),
  usage: async (page) => {
    for (const chart of ['Requests over time', 'Tokens over time', 'Cost over time']) {
      await page.getByRole('img', { name: chart, exact: true }).waitFor();
    }
    await until('a call in "Slowest calls"', async () =>
      (await page.getByRole('table', { name: 'Slowest calls' }).getByRole('row').count()) > 1
    );
    // The test made one call the provider refused: "Failing calls" shows it, and only failures.
    const failing = page.getByRole('table', { name: 'Failing calls' });
    const statuses = await until(`the ${settings.failedStatus} call in "Failing calls"`, async () => {
      // A status cell may add the error's code or type after the number.
      const column = (await columnOf(failing, 'Status')).map((text) => /\d{3}/.exec(text)?.[0] ?? text);
      return column.includes(String(settings.failedStatus)) ? column : null;
    });
    const succeeded = statuses.filter((status) => /^[23]\d\d$/.test(status));
    // "Slowest calls" is slowest first.
    const latencies = (await columnOf(page.getByRole('table', { name: 'Slowest calls' }), 'Latency')).map(millis);
    const unordered = latencies.findIndex((value, i) => i > 0 && value > latencies[i - 1]);
    check(unordered < 0, `"Slowest calls" is not slowest first: ${JSON.stringify(latencies)} (ms)`);
    check(succeeded.length === 0, `"Failing calls" lists calls that succeeded: statuses ${JSON.stringify(statuses)}`);
  },
  keys: async (page) => {
    await page.getByRole('table', { name: 'Virtual keys' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Budgets', exact: true }).waitFor();
  },
  guardrails: async (page) => {
    await page.getByRole('img', { name: 'Guardrail decisions over time', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Decisions by guard and action' }).waitFor();
  },
};

/** Every page by its address: heading, data, no errors, axe, and a screenshot if none yet. */
async function tour(context) {
  for (const { id, path, title } of PAGES) {
    let page;
    let watcher;
    let violations = null;
    await scenario(`page ${id} loads cleanly`, async () => {
      ({ page, watcher } = await openPage(context, path));
      await heading(page, title);
      if (id === 'overview') {
        const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
        const expected = PAGES.map((p) => p.title);
        check(
          JSON.stringify(links.map((l) => l.trim())) === JSON.stringify(expected),
          `the "Main" navigation is ${JSON.stringify(links)}, expected ${JSON.stringify(expected)}`
        );
      }
      await READY[id](page);
      if (!screenshotsTaken.has(id)) {
        await screenshot(page, id);
      }
      await page.evaluate(AXE_SOURCE);
      const axe = await page.evaluate(async () => {
        const run = await window.axe.run(document, { resultTypes: ['violations'] });
        return run.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
        }));
      });
      violations = axe;
      watcher.assertClean();
      return { url: page.url(), axeViolations: axe.length };
    });
    await scenario(`page ${id} has no serious accessibility violation`, async () => {
      check(violations !== null, 'the page did not load far enough to run axe-core');
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      check(serious.length === 0, `axe-core: ${JSON.stringify(serious, null, 1)}`);
      return { minor: violations };
    });
    if (page) {
      await closePage(page, watcher);
    }
  }
}

async function main() {
  let context;
  try {
    context = await chromium.launchPersistentContext(settings.userDataDir, {
      executablePath: settings.chromium,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
  } catch (error) {
    console.log(JSON.stringify({ scenarios: [{ name: 'browser starts', ok: false, error: String(error?.stack ?? error) }] }));
    process.exit(2);
  }
  try {
    await scenario('a write without a token asks to sign in', () => writeWithoutTokenAsksToSignIn(context));
    await scenario('LLM playground streams an answer', () => llmPlaygroundStreams(context));
    await scenario('LLM playground shows the guardrail outcome of the answer', async () => {
      check(llmGuardrail !== null, 'the LLM playground scenario did not get an answer');
      check(/mask/i.test(llmGuardrail), `"Guardrail" says "${llmGuardrail}" for a prompt whose e-mail address was masked`);
      return { guardrail: llmGuardrail };
    });
    await scenario('MCP playground calls a tool', () => mcpPlaygroundCallsATool(context));
    await scenario('A2A page shows the rewritten card and streams a reply', () => a2aPageStreams(context));
    await scenario('CEL playground evaluates an expression', () => celPlaygroundEvaluates(context));
    await scenario('a key created in the UI works on the LLM route until revoked', () => keyWorksUntilRevoked(context));
    await scenario('configuration errors are shown at their path', () => configErrorAtItsPath(context));
    await scenario('guardrails page shows the decision of the masked prompt', () => guardrailsShowTheMask(context));
    await tour(context);
  } finally {
    await context.close().catch(() => {});
  }
  console.log(JSON.stringify({ scenarios: results }));
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

await main();
