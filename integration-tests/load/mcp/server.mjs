// The upstream MCP server of the load harness's MCP cases (integration-tests/load/run.sh).
//
//   node server.mjs PORT SET     Streamable HTTP at /mcp on 127.0.0.1:PORT
//
// Stateless (no Mcp-Session-Id) and answering JSON rather than SSE, so that wrk can POST one
// fixed JSON-RPC request without a handshake, and so that the gateway's targets and a direct
// client see the same server. As the SDK requires of a stateless server, every request gets a
// new McpServer and transport (a shared one would mix up the request ids of concurrent clients);
// that cost is the same whichever way the request arrives. SET (1, 2 or 3) chooses the tool set:
// every set has the cheap `echo` tool, and each has tools of its own, so that a federated
// tools/list merges three different lists.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import http from "node:http";
import { z } from "zod";

const port = Number(process.argv[2]);
const set = Number(process.argv[3] ?? 1);
if (!Number.isInteger(port) || ![1, 2, 3].includes(set)) {
  console.error("usage: node server.mjs PORT SET(1|2|3)");
  process.exit(2);
}

const text = (value) => ({ content: [{ type: "text", text: String(value) }] });

// [name, description, zod input shape, handler]; a few per set, with typical schemas.
const SETS = {
  1: [
    ["add", "Adds two numbers", { a: z.number(), b: z.number() }, ({ a, b }) => text(a + b)],
    ["upper", "Upper-cases a text", { text: z.string() }, ({ text: t }) => text(t.toUpperCase())],
    ["length", "Counts the characters of a text", { text: z.string() }, ({ text: t }) => text(t.length)],
  ],
  2: [
    ["weather", "Current weather of a city (fixed answer)", { city: z.string(), unit: z.enum(["c", "f"]).optional() },
      ({ city }) => text(`${city}: 21 degrees, clear`)],
    ["forecast", "Forecast of a city for some days (fixed answer)", { city: z.string(), days: z.number().int().min(1).max(7) },
      ({ city, days }) => text(`${city}: clear for ${days} days`)],
    ["alerts", "Weather alerts of a region (fixed answer)", { region: z.string() }, () => text("no alerts")],
    ["stations", "Weather stations near a point", { lat: z.number(), lon: z.number(), radiusKm: z.number().optional() },
      () => text("[]")],
  ],
  3: [
    ["search_issues", "Searches issues by text", { query: z.string(), state: z.enum(["open", "closed", "all"]).optional(), limit: z.number().int().optional() },
      () => text("[]")],
    ["get_issue", "One issue by number", { number: z.number().int() }, ({ number }) => text(`issue ${number}`)],
    ["create_issue", "Creates an issue", { title: z.string(), body: z.string().optional(), labels: z.array(z.string()).optional() },
      ({ title }) => text(`created: ${title}`)],
    ["list_labels", "The repository's labels", {}, () => text("bug, feature")],
    ["close_issue", "Closes an issue", { number: z.number().int(), reason: z.string().optional() },
      ({ number }) => text(`closed ${number}`)],
  ],
};

function server() {
  const s = new McpServer({ name: `agw-load-${set}`, version: "1.0.0" });
  s.registerTool(
    "echo",
    { description: "Echoes its message", inputSchema: { message: z.string() } },
    async ({ message }) => text(`echo: ${message}`),
  );
  for (const [name, description, inputSchema, handler] of SETS[set]) {
    s.registerTool(name, { description, inputSchema }, async (args) => handler(args));
  }
  return s;
}

const httpServer = http.createServer(async (req, res) => {
  if (req.url === "/health") {
    // For the harness's start-up wait (a GET on /mcp is 405 in stateless mode).
    res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    return;
  }
  if (req.url !== "/mcp") {
    res.writeHead(404).end();
    return;
  }
  if (req.method !== "POST") {
    // Stateless: no GET stream, no session to delete.
    res.writeHead(405, { Allow: "POST" }).end();
    return;
  }
  try {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const mcp = server();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on("close", () => {
      transport.close();
      mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, body);
  } catch (error) {
    if (!res.headersSent) {
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: String(error) } }));
    }
  }
});
httpServer.keepAliveTimeout = 60_000;
httpServer.listen(port, "127.0.0.1", () => console.error(`agw-load-${set} listening on ${port}`));
