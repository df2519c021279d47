import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, stubFetch } from '../../test/fetchStub';
import { CelPage } from './CelPage';

test('evaluates the expression against the sample request, claims and LLM facts', async () => {
  const calls = stubFetch({ 'POST /api/v1/cel/evaluate': json({ result: true, type: 'bool' }) });
  render(<CelPage />);
  const user = userEvent.setup();
  const expression = screen.getByRole('textbox', { name: 'Expression' });
  await user.clear(expression);
  await user.type(expression, "jwt.sub == 'alice'");
  for (const name of ['Request (JSON)', 'JWT claims (JSON)', 'LLM (JSON)']) {
    expect(screen.getByRole('textbox', { name })).toBeInTheDocument();
  }
  await user.click(screen.getByRole('button', { name: 'Evaluate' }));
  const result = screen.getByRole('region', { name: 'Result' });
  await waitFor(() => expect(result).toHaveTextContent('Type: bool'));
  expect(result).toHaveTextContent('true');
  const body = JSON.parse(calls[0].body!);
  expect(body.expression).toBe("jwt.sub == 'alice'");
  expect(body.context.jwt.claims.sub).toBe('alice');
  expect(body.context.request.method).toBe('POST');
  expect(body.context.llm.requestModel).toBe('agw-demo');
});

test('a CEL error is an alert with its position', async () => {
  stubFetch({
    'POST /api/v1/cel/evaluate': json(
      { error: { type: 'cel', message: "undeclared reference to 'foo'", position: 0 } },
      400,
    ),
  });
  render(<CelPage />);
  await userEvent.setup().click(screen.getByRole('button', { name: 'Evaluate' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(
    "undeclared reference to 'foo' (at position 0)",
  );
});

test('JSON that does not parse is named before anything is sent', async () => {
  const calls = stubFetch({});
  render(<CelPage />);
  const user = userEvent.setup();
  const claims = screen.getByRole('textbox', { name: 'JWT claims (JSON)' });
  await user.clear(claims);
  await user.type(claims, 'not json');
  await user.click(screen.getByRole('button', { name: 'Evaluate' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('JWT claims is not valid JSON');
  expect(calls).toHaveLength(0);
});
