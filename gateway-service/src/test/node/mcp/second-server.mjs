// A second MCP server for the gateway's federation tests: its `echo` tool has the same name as
// server-everything's, so only a correct prefix routes a call to the right server.
// Usage: node second-server.mjs            (stdio)
//        node second-server.mjs http PORT  (Streamable HTTP at /mcp, stateful)
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { z } from "zod";

// Sessions this process initialized (Streamable HTTP), so a test can tell a resumed session from
// a new one.
let initializations = 0;
// Session ids this process issued and those a client ended (DELETE), served as JSON at
// GET /sessions (Streamable HTTP), so a test can tell whether the gateway ended its session.
const issued = [];
const ended = [];

function server() {
  const s = new McpServer({ name: "second", version: "1.0.0" });
  s.registerTool(
    "echo",
    { description: "Echoes with the second server's mark", inputSchema: { message: z.string() } },
    async ({ message }) => ({ content: [{ type: "text", text: `second echo: ${message}` }] }),
  );
  s.registerTool(
    "pid",
    { description: "The server's process id", inputSchema: {} },
    async () => ({ content: [{ type: "text", text: String(process.pid) }] }),
  );
  s.registerTool(
    "session",
    { description: "The MCP session this call arrived on", inputSchema: {} },
    async (_args, extra) => ({
      content: [
        { type: "text", text: JSON.stringify({ session: extra.sessionId ?? null, initializations }) },
      ],
    }),
  );
  s.registerPrompt(
    "greeting",
    { description: "A greeting", argsSchema: { who: z.string() } },
    ({ who }) => ({ messages: [{ role: "user", content: { type: "text", text: `Hello ${who}` } }] }),
  );
  s.registerResource(
    "info",
    "second://info",
    { description: "About the second server", mimeType: "text/plain" },
    async (uri) => ({ contents: [{ uri: uri.href, text: "second server info" }] }),
  );
  return s;
}

if (process.argv[2] === "http") {
  const transports = new Map();
  const httpServer = http.createServer(async (req, res) => {
    if (req.method === "GET" && req.url === "/sessions") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ issued, ended }));
      return;
    }
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    const id = req.headers["mcp-session-id"];
    let transport = id ? transports.get(id) : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sid) => {
          initializations++;
          issued.push(sid);
          transports.set(sid, transport);
        },
        onsessionclosed: (sid) => ended.push(sid),
      });
      await server().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  });
  httpServer.listen(Number(process.argv[3]), "127.0.0.1", () => console.error("listening"));
} else {
  await server().connect(new StdioServerTransport());
}
