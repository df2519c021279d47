// The TypeScript SDK's side of MCP authorization against the gateway: an unauthenticated
// initialize (expected 401), the challenge's parameters, the protected resource metadata found
// both from the challenge's resource_metadata URL and by the SDK's own path-aware discovery, the
// resource the SDK would request a token for, then a session with the given bearer token.
// Prints one JSON line. Usage: node auth-discovery.mjs <mcp url> <token>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
  selectResourceURL,
} from "@modelcontextprotocol/sdk/client/auth.js";

const [url, token] = process.argv.slice(2);
const refused = await fetch(url, {
  method: "POST",
  headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
  body: JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: {
      protocolVersion: "2025-11-25",
      capabilities: {},
      clientInfo: { name: "ts-sdk-auth", version: "1.0.0" },
    },
  }),
});
const challenge = extractWWWAuthenticateParams(refused);
const fromChallenge = await discoverOAuthProtectedResourceMetadata(url, {
  resourceMetadataUrl: challenge.resourceMetadataUrl,
});
const byPath = await discoverOAuthProtectedResourceMetadata(url);
const resource = await selectResourceURL(url, {}, fromChallenge);

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: "ts-sdk-auth", version: "1.0.0" });
await client.connect(transport);
const tools = (await client.listTools()).tools.map((t) => t.name);
await client.close();

console.log(
  JSON.stringify({
    status: refused.status,
    resourceMetadataUrl: String(challenge.resourceMetadataUrl),
    scope: challenge.scope ?? null,
    error: challenge.error ?? null,
    fromChallenge,
    byPath,
    resource: String(resource),
    tools,
  }),
);
