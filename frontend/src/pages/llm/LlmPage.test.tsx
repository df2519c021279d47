import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import recorded from '../../test/fixtures/chat-stream.sse?raw';
import { json, sse, stubFetch, type Call } from '../../test/fetchStub';
import { overview, records } from '../../test/fixtures/api';
import { LlmPage, chatUrl } from './LlmPage';

test('the chat URL sits under the route prefix without doubling /v1', () => {
  expect(chatUrl('http://localhost:8080/v1')).toBe('http://localhost:8080/v1/chat/completions');
  expect(chatUrl('http://localhost:8080/openai')).toBe(
    'http://localhost:8080/openai/v1/chat/completions',
  );
  expect(chatUrl('http://localhost:8080')).toBe('http://localhost:8080/v1/chat/completions');
});

test('a streamed answer fills the conversation and its details', async () => {
  let traceId = '';
  const calls = stubFetch({
    'GET /api/v1/overview': json(overview),
    'POST /v1/chat/completions': (call: Call) => {
      traceId = call.headers.get('traceparent')!.split('-')[1];
      const response = sse(recorded);
      response.headers.set('x-agw-provider', 'openai');
      return response;
    },
    'GET /api/v1/usage/records': () => {
      const page = records(['r1'], null);
      page.records[0] = { ...page.records[0], traceId, costUsd: 0.000123, guardrail: 'passed' };
      return json(page);
    },
  });
  render(<LlmPage />);
  const user = userEvent.setup();
  const route = await screen.findByRole('option', { name: 'llm (:8080/v1)' });
  expect(route).toHaveProperty('selected', true);
  expect(screen.getByRole('checkbox', { name: 'Stream' })).toBeChecked();
  expect(screen.getByLabelText('API key')).toHaveAttribute('type', 'password');
  await user.type(screen.getByLabelText('API key'), 'agw-secret');
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Which provider?');
  await user.click(screen.getByRole('button', { name: 'Send' }));

  const log = screen.getByRole('log', { name: 'Conversation' });
  await waitFor(() => expect(log).toHaveTextContent('Model: Gemini is the provider.'));
  expect(log).toHaveTextContent('You: Which provider?');

  const request = calls.find((c) => c.url.pathname === '/v1/chat/completions')!;
  expect(request.url.origin).toBe(`http://${window.location.hostname}:8080`);
  expect(request.headers.get('Authorization')).toBe('Bearer agw-secret');
  expect(JSON.parse(request.body!)).toMatchObject({
    model: 'agw-demo',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Which provider?' }],
  });

  const details = screen.getByLabelText('Answer details');
  await waitFor(() => expect(within(details).getByText('$0.000123')).toBeInTheDocument());
  const terms = within(details)
    .getAllByRole('term')
    .map((t) => t.textContent);
  expect(terms).toEqual(['Tokens', 'Cost', 'Latency', 'Provider', 'Guardrail']);
  expect(details).toHaveTextContent('9 in, 5 out');
  expect(details).toHaveTextContent('openai');
  expect(details).toHaveTextContent('passed');
});

test('a refused call shows the provider-format error', async () => {
  stubFetch({
    'GET /api/v1/overview': json(overview),
    'POST /v1/chat/completions': json(
      { error: { message: 'API key revoked', type: 'invalid_request_error' } },
      401,
    ),
  });
  render(<LlmPage />);
  const user = userEvent.setup();
  await screen.findByRole('option', { name: 'llm (:8080/v1)' });
  await user.click(screen.getByRole('checkbox', { name: 'Stream' }));
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'hi');
  await user.click(screen.getByRole('button', { name: 'Send' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('401: API key revoked');
});
