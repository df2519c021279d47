import recorded from '../../test/fixtures/chat-stream.sse?raw';
import { sse } from '../../test/fetchStub';
import { chatErrorOf, readChatStream } from './chatStream';

// chat-stream.sse: a chat completions stream as the gateway sends it (its golden file
// gateway-service/src/test/resources/llm/own/response/gemini/stream_basic...sse).
test('a recorded stream yields its text piece by piece and the usage of its last chunk', async () => {
  for (const chunkSize of [1, 7, 64, 4096]) {
    const pieces: string[] = [];
    const answer = await readChatStream(sse(recorded, chunkSize).body!, (p) => pieces.push(p));
    expect(pieces).toEqual(['Gemini', ' is the provider', '.']);
    expect(answer.text).toBe('Gemini is the provider.');
    expect(answer.model).toBe('gemini-2.5-flash');
    expect(answer.finishReason).toBe('stop');
    expect(answer.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 5,
      total_tokens: 14,
    });
  }
});

test('an error chunk in the stream fails the answer with its message', async () => {
  const stream =
    'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: {"error":{"message":"budget exceeded"}}\n\n';
  await expect(readChatStream(sse(stream).body!, () => {})).rejects.toThrow('budget exceeded');
});

test('an OpenAI error body gives its message', () => {
  expect(
    chatErrorOf(401, '{"error":{"message":"invalid api key","type":"invalid_request_error"}}'),
  ).toBe('401: invalid api key');
  expect(chatErrorOf(502, 'Bad Gateway')).toBe('502: Bad Gateway');
});
