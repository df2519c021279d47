// An MCP server (stdio) for the gateway's trace-context tests: it remembers the `params._meta` of
// the last request of each method it received, and its tools report them.
//   meta:   {"call": <_meta of this tools/call>, "seen": {<method>: <_meta of its last request>}}
//   broken: a tool result with isError: true
// Usage: node traced-server.mjs
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const seen = {};
const server = new McpServer({ name: "traced", version: "1.0.0" });
server.registerTool("meta", { description: "The _meta of the requests received" }, async (extra) => ({
  content: [{ type: "text", text: JSON.stringify({ call: extra._meta ?? null, seen }) }],
}));
server.registerTool("broken", { description: "Always fails as a tool" }, async () => ({
  isError: true,
  content: [{ type: "text", text: "broken on purpose" }],
}));

const transport = new StdioServerTransport();
await server.connect(transport);
const deliver = transport.onmessage;
transport.onmessage = (message, extra) => {
  if (message.method && message.id !== undefined) {
    seen[message.method] = message.params?._meta ?? null;
  }
  deliver(message, extra);
};
