// Streams one Messages answer through the gateway with the npm `@anthropic-ai/sdk` package's stream
// helper (client.messages.stream) and prints what the package assembled as one JSON line:
// {"text", "stopReason", "usage", "events", "textDeltas"}.
//
// Usage: node stream.mjs <baseURL> <model>   (baseURL without /v1, e.g. http://127.0.0.1:4000/gemini)
// Exit code 1 (message on stderr) when the package reports an error, as on an `error` event.
import Anthropic from '@anthropic-ai/sdk';

const [baseURL, model] = process.argv.slice(2);
if (!baseURL || !model) {
  console.error('usage: node stream.mjs <baseURL> <model>');
  process.exit(2);
}

// The client's own key: the gateway must never forward it.
const client = new Anthropic({ baseURL, apiKey: 'sk-ant-node-client-key', maxRetries: 0, timeout: 20000 });

try {
  const stream = client.messages.stream({
    model,
    max_tokens: 256,
    messages: [{ role: 'user', content: 'Tell me something.' }],
  });
  let events = 0;
  let textDeltas = 0;
  stream.on('streamEvent', () => events++);
  stream.on('text', () => textDeltas++);
  const message = await stream.finalMessage();
  const text = message.content
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('');
  console.log(
    JSON.stringify({ text, stopReason: message.stop_reason, usage: message.usage ?? null, events, textDeltas }),
  );
} catch (error) {
  console.error(`stream failed: ${error?.status ?? ''} ${error?.message ?? error}`);
  process.exit(1);
}
