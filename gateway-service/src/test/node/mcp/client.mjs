// The TypeScript SDK client against the gateway: lists tools, calls one, lists prompts, and prints
// one JSON line with what it saw. With "sampling" as the last argument, the client supports
// sampling and answers every sampling request with "ts sampled: <the request's text>".
// A URL whose path ends in /sse is reached over the legacy HTTP+SSE transport.
// Usage: node client.mjs <url> <tool> <json arguments> [sampling]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CreateMessageRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const [url, tool, args, mode] = process.argv.slice(2);
const transport = new URL(url).pathname.endsWith("/sse")
  ? new SSEClientTransport(new URL(url))
  : new StreamableHTTPClientTransport(new URL(url));
const sampling = mode === "sampling";
const client = new Client(
  { name: "ts-sdk-client", version: "1.0.0" },
  { capabilities: sampling ? { sampling: {} } : {} },
);
let samplingRequests = 0;
if (sampling) {
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    samplingRequests++;
    const asked = request.params.messages.map((m) => m.content.text).join(" ");
    return {
      role: "assistant",
      content: { type: "text", text: `ts sampled: ${asked}` },
      model: "ts-model",
    };
  });
}
await client.connect(transport);
const tools = (await client.listTools()).tools.map((t) => t.name);
const result = await client.callTool({ name: tool, arguments: JSON.parse(args) });
let unknown = null;
try {
  await client.callTool({ name: "nobody_tool", arguments: {} });
} catch (e) {
  unknown = String(e.message);
}
console.log(
  JSON.stringify({
    server: client.getServerVersion()?.name,
    sessionId: transport.sessionId ?? null,
    tools,
    text: result.content.map((c) => c.text).join("\n"),
    samplingRequests,
    unknown,
  }),
);
await client.close();
