import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, sse, stubFetch } from '../../test/fetchStub';
import { overview } from '../../test/fixtures/api';
import { A2aPage } from './A2aPage';

test('shows the rewritten agent card and follows the stream of a message', async () => {
  const base = `http://${window.location.hostname}:8080/agent`;
  const events = [
    { kind: 'task', id: 't1', status: { state: 'submitted' } },
    {
      kind: 'status-update',
      taskId: 't1',
      status: { state: 'working', message: { parts: [{ kind: 'text', text: 'thinking' }] } },
    },
    {
      kind: 'artifact-update',
      taskId: 't1',
      artifact: { name: 'answer', parts: [{ kind: 'text', text: 'Hello, Ada' }] },
    },
    { kind: 'status-update', taskId: 't1', status: { state: 'completed' }, final: true },
  ];
  const calls = stubFetch({
    'GET /api/v1/overview': json(overview),
    'GET /agent/.well-known/agent-card.json': json({
      name: 'Hello agent',
      description: 'Greets people',
      url: base,
      skills: [{ id: 'greet', name: 'Greet', description: 'Says hello' }],
    }),
    'POST /agent': sse(
      events
        .map((result) => `data: ${JSON.stringify({ jsonrpc: '2.0', id: 1, result })}\n\n`)
        .join(''),
    ),
  });
  render(<A2aPage />);
  const card = screen.getByRole('region', { name: 'Agent card' });
  await waitFor(() => expect(card).toHaveTextContent('Hello agent'));
  expect(card).toHaveTextContent('Greet: Says hello');
  expect(card).toHaveTextContent(base);

  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'I am Ada');
  await user.click(screen.getByRole('button', { name: 'Send message' }));
  const log = screen.getByRole('log', { name: 'Agent events' });
  await waitFor(() => expect(log).toHaveTextContent('status-update [completed]'));
  expect(log).toHaveTextContent('artifact-update answer: Hello, Ada');
  expect(log).toHaveTextContent('status-update [working] thinking');

  const post = calls.find((c) => c.method === 'POST')!;
  expect(post.url.href).toBe(base);
  expect(JSON.parse(post.body!)).toMatchObject({
    jsonrpc: '2.0',
    method: 'message/stream',
    params: { message: { role: 'user', parts: [{ kind: 'text', text: 'I am Ada' }] } },
  });
});
