// Loaded with import() from the MCP page only: the SDK (and the schema validation it brings) is
// the largest dependency of the UI and no other page needs it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';

export interface McpTool {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
}

export interface McpSession {
  serverName: string;
  tools: McpTool[];
  prompts: { name: string; description?: string }[];
  resources: { uri: string; name: string; description?: string }[];
  callTool: (name: string, args: Record<string, unknown>) => Promise<unknown>;
  close: () => Promise<void>;
}

/** Connects to an MCP server over Streamable HTTP and lists what it offers. */
export async function connectMcp(
  url: string,
  bearerToken: string,
  onNotification: (method: string, params: unknown) => void,
): Promise<McpSession> {
  // The SDK's default validator (Ajv) compiles schemas into code with new Function, which the UI's
  // Content-Security-Policy (script-src 'self') forbids; @cfworker/json-schema interprets them.
  const client = new Client(
    { name: 'agw-ui', version: '0.1.0' },
    { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  client.fallbackNotificationHandler = async (notification) => {
    onNotification(notification.method, notification.params);
  };
  const headers: Record<string, string> = bearerToken
    ? { Authorization: `Bearer ${bearerToken}` }
    : {};
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers },
  });
  await client.connect(transport);
  const capabilities = client.getServerCapabilities() ?? {};
  const [tools, prompts, resources] = await Promise.all([
    capabilities.tools ? client.listTools().then((r) => r.tools) : Promise.resolve([]),
    capabilities.prompts ? client.listPrompts().then((r) => r.prompts) : Promise.resolve([]),
    capabilities.resources ? client.listResources().then((r) => r.resources) : Promise.resolve([]),
  ]);
  return {
    serverName: client.getServerVersion()?.name ?? 'MCP server',
    tools: tools as McpTool[],
    prompts,
    resources,
    callTool: (name, args) => client.callTool({ name, arguments: args }),
    close: () => client.close(),
  };
}
