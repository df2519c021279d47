import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, sse, stubFetch, type Call } from '../../test/fetchStub';
import { overview } from '../../test/fixtures/api';
import { McpPage, resultText } from './McpPage';

interface RpcRequest {
  id?: number;
  method: string;
  params?: { protocolVersion?: string; name?: string; arguments?: Record<string, unknown> };
}

const echoSchema = {
  type: 'object',
  properties: { message: { type: 'string' }, times: { type: 'integer' } },
  required: ['message'],
};

// An MCP server speaking Streamable HTTP the way the SDK client expects: JSON answers, and an
// SSE answer (a progress notification, then the result) for tools/call.
function mcpServer(call: Call): Response {
  const request = JSON.parse(call.body!) as RpcRequest;
  const reply = (result: unknown) => ({ jsonrpc: '2.0', id: request.id, result });
  switch (request.method) {
    case 'initialize':
      return json(
        reply({
          protocolVersion: request.params!.protocolVersion,
          capabilities: { tools: {}, prompts: {}, resources: {} },
          serverInfo: { name: 'demo-mcp', version: '1.0.0' },
        }),
        200,
        { 'mcp-session-id': 'session-1' },
      );
    case 'notifications/initialized':
      return new Response(null, { status: 202 });
    case 'tools/list':
      return json(
        reply({ tools: [{ name: 'echo', description: 'Echoes', inputSchema: echoSchema }] }),
      );
    case 'prompts/list':
      return json(reply({ prompts: [{ name: 'greet', description: 'Says hello' }] }));
    case 'resources/list':
      return json(reply({ resources: [{ uri: 'demo://readme', name: 'readme' }] }));
    case 'tools/call': {
      const args = request.params!.arguments!;
      const text = Array((args.times as number) ?? 1)
        .fill(args.message)
        .join(' ');
      return sse(
        `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'echoing' } })}\n\n` +
          `event: message\ndata: ${JSON.stringify(reply({ content: [{ type: 'text', text }] }))}\n\n`,
      );
    }
    default:
      return json({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'unknown' } });
  }
}

test('connects through the route, lists tools, prompts and resources, and calls a tool from its form', async () => {
  const calls = stubFetch({
    'GET /api/v1/overview': json(overview),
    'POST /mcp': mcpServer,
    'GET /mcp': new Response(null, { status: 405 }),
    'DELETE /mcp': new Response(null, { status: 200 }),
  });
  render(<McpPage />);
  const user = userEvent.setup();
  await screen.findByRole('option', { name: 'mcp (:8080/mcp)' });
  await user.type(screen.getByLabelText('Bearer token'), 'jwt-1');
  await user.click(screen.getByRole('button', { name: 'Connect' }));

  expect(await screen.findByRole('status')).toHaveTextContent('Connected to demo-mcp');
  for (const name of ['Tools', 'Prompts', 'Resources']) {
    expect(screen.getByRole('heading', { level: 2, name })).toBeInTheDocument();
  }
  expect(screen.getByText('greet: Says hello')).toBeInTheDocument();
  expect(screen.getByText('demo://readme')).toBeInTheDocument();
  const init = calls.find((c) => c.method === 'POST' && c.url.pathname === '/mcp')!;
  expect(init.url.origin).toBe(`http://${window.location.hostname}:8080`);
  expect(init.headers.get('Authorization')).toBe('Bearer jwt-1');

  await user.click(screen.getByRole('button', { name: 'echo' }));
  await user.type(screen.getByRole('textbox', { name: 'message' }), 'hi');
  await user.type(screen.getByRole('spinbutton', { name: 'times' }), '2');
  await user.click(screen.getByRole('button', { name: 'Call tool' }));

  const result = screen.getByRole('region', { name: 'Tool result' });
  await waitFor(() => expect(result).toHaveTextContent('hi hi'));
  const log = screen.getByRole('log', { name: 'Notifications' });
  expect(within(log).getByText('notifications/message')).toBeInTheDocument();
  expect(log).toHaveTextContent('echoing');
});

test('a tool result is shown as its text, anything else as JSON', () => {
  expect(
    resultText({
      content: [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
    }),
  ).toBe('a\nb');
  expect(resultText({ content: [{ type: 'image', data: 'x' }] })).toContain('"image"');
});
