// Streams one chat completion through the gateway with the npm `openai` package's stream helper
// (client.chat.completions.stream) and prints what the package assembled as one JSON line:
// {"text", "toolCalls": [{id, name, arguments}], "finishReason", "usage", "chunks", "contentDeltas"}.
//
// Usage: node stream.mjs <baseURL> <model> [tools]
// Exit code 1 (message on stderr) when the package reports an error.
import OpenAI from 'openai';

const [baseURL, model, withTools] = process.argv.slice(2);
if (!baseURL || !model) {
  console.error('usage: node stream.mjs <baseURL> <model> [tools]');
  process.exit(2);
}

// The client's own key: the gateway must never forward it.
const client = new OpenAI({ baseURL, apiKey: 'sk-node-client-key', maxRetries: 0, timeout: 20000 });

const params = {
  model,
  messages: [{ role: 'user', content: 'What is the weather?' }],
  stream_options: { include_usage: true },
};
if (withTools === 'tools') {
  params.tools = [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather in a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
  ];
}

try {
  const stream = client.chat.completions.stream(params);
  let chunks = 0;
  let contentDeltas = 0;
  stream.on('chunk', () => chunks++);
  stream.on('content', () => contentDeltas++);
  const completion = await stream.finalChatCompletion();
  const choice = completion.choices[0];
  const toolCalls = (choice.message.tool_calls ?? []).map((call) => ({
    id: call.id,
    name: call.function.name,
    arguments: call.function.arguments,
  }));
  console.log(
    JSON.stringify({
      text: choice.message.content ?? null,
      toolCalls,
      finishReason: choice.finish_reason,
      usage: completion.usage ?? null,
      chunks,
      contentDeltas,
    }),
  );
} catch (error) {
  console.error(`stream failed: ${error?.status ?? ''} ${error?.message ?? error}`);
  process.exit(1);
}
