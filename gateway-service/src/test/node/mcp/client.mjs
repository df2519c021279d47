// The TypeScript SDK client against the gateway: lists tools, calls one, lists prompts, and prints
// one JSON line with what it saw. Usage: node client.mjs <url> <tool> <json arguments>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, tool, args] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url));
const client = new Client({ name: "ts-sdk-client", version: "1.0.0" });
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
    text: result.content[0].text,
    unknown,
  }),
);
await client.close();
