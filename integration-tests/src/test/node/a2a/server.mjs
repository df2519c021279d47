// A real A2A agent built on the official JS SDK, for the gateway's integration tests.
//
// Usage: node server.mjs [port]     (or PORT=...; 0 picks a free port)
// Prints exactly one line "READY <port>" on stdout once it listens on 127.0.0.1; logs go to stderr.
//
// Behaviour:
//   - a message whose text contains "task" starts a task: task (submitted), status-update
//     (working), artifact-update, status-update (completed);
//   - any other message gets one agent message back: "echo: <text>".
// The card lists JSON-RPC at the base URL and HTTP+JSON at <base>/rest, each at v1.0 and v0.3,
// and is served at /.well-known/agent-card.json and /.well-known/agent.json. Without an
// A2A-Version header (a v0.3 client) the SDK serves the hybrid card: url, preferredTransport and
// additionalInterfaces next to supportedInterfaces.
import express from 'express';
import { A2A_PROTOCOL_VERSION, AGENT_CARD_PATH, Role, TaskState } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import {
  UserBuilder,
  agentCardHandler,
  jsonRpcHandler,
  restHandler,
} from '@a2a-js/sdk/server/express';
import { duplicateInterfacesForLegacy } from '@a2a-js/sdk/compat/v0_3';

const HOST = '127.0.0.1';
const requestedPort = Number(process.argv[2] ?? process.env.PORT ?? 0);
const STEP_DELAY_MS = Number(process.env.STEP_DELAY_MS ?? 50);

const log = (...args) => console.error('[a2a-server]', ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function textPart(text) {
  return { content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' };
}

function agentMessage(text, taskId, contextId) {
  return {
    role: Role.ROLE_AGENT,
    messageId: crypto.randomUUID(),
    parts: [textPart(text)],
    taskId,
    contextId,
    extensions: [],
    metadata: {},
    referenceTaskIds: [],
  };
}

function inputText(message) {
  return message.parts
    .filter((part) => part.content?.$case === 'text')
    .map((part) => part.content.value)
    .join(' ')
    .trim();
}

function status(state, message) {
  return { state, timestamp: new Date().toISOString(), message };
}

class EchoExecutor {
  async execute(requestContext, eventBus) {
    const { taskId, contextId, userMessage } = requestContext;
    const text = inputText(userMessage);
    log(`message ${userMessage.messageId} text=${JSON.stringify(text)}`);
    if (!/task/i.test(text)) {
      eventBus.publish(AgentEvent.message(agentMessage(`echo: ${text}`, '', contextId)));
      return;
    }
    eventBus.publish(
      AgentEvent.task(
        requestContext.task ?? {
          id: taskId,
          contextId,
          status: status(TaskState.TASK_STATE_SUBMITTED, undefined),
          artifacts: [],
          history: [userMessage],
          metadata: {},
        }
      )
    );
    await sleep(STEP_DELAY_MS);
    eventBus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: status(TaskState.TASK_STATE_WORKING, agentMessage('working on it', taskId, contextId)),
        metadata: {},
      })
    );
    await sleep(STEP_DELAY_MS);
    eventBus.publish(
      AgentEvent.artifactUpdate({
        taskId,
        contextId,
        artifact: {
          artifactId: crypto.randomUUID(),
          name: 'echo',
          description: 'The input, echoed.',
          parts: [textPart(`echo: ${text}`)],
          metadata: undefined,
          extensions: [],
        },
        append: false,
        lastChunk: true,
        metadata: {},
      })
    );
    eventBus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: status(TaskState.TASK_STATE_COMPLETED, undefined),
        metadata: {},
      })
    );
  }

  async cancelTask(taskId) {
    log(`cancel requested for ${taskId}; tasks here finish on their own`);
  }
}

function agentCard(baseUrl) {
  return {
    name: 'AGW Echo Agent',
    description: 'Echoes messages; a message containing "task" runs a short task.',
    supportedInterfaces: duplicateInterfacesForLegacy(
      [
        { url: `${baseUrl}/`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: A2A_PROTOCOL_VERSION },
        { url: `${baseUrl}/rest`, protocolBinding: 'HTTP+JSON', tenant: '', protocolVersion: A2A_PROTOCOL_VERSION },
      ],
      ['JSONRPC', 'HTTP+JSON']
    ),
    provider: { organization: 'AGW integration tests', url: 'https://example.com/agw' },
    version: '1.0.0',
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'echo',
        name: 'Echo',
        description: 'Echoes the input text.',
        tags: ['test'],
        examples: ['hello', 'run a task'],
        inputModes: ['text/plain'],
        outputModes: ['text/plain'],
        securityRequirements: [],
      },
    ],
    documentationUrl: '',
    signatures: [],
  };
}

const app = express();
app.use((req, _res, next) => {
  log(
    `${req.method} ${req.originalUrl} A2A-Version=${req.get('A2A-Version') ?? '-'}` +
      ` X-Agw-Via=${req.get('X-Agw-Via') ?? '-'}`
  );
  next();
});
const server = app.listen(requestedPort, HOST, (err) => {
  if (err) {
    log('listen failed:', err);
    process.exit(1);
  }
  const { port } = server.address();
  const baseUrl = `http://${HOST}:${port}`;
  const requestHandler = new DefaultRequestHandler(agentCard(baseUrl), new InMemoryTaskStore(), new EchoExecutor());
  const cardHandler = agentCardHandler({ agentCardProvider: requestHandler, legacyCompat: { enabled: true } });
  const userBuilder = UserBuilder.noAuthentication;
  app.use(`/${AGENT_CARD_PATH}`, cardHandler);
  app.use('/.well-known/agent.json', cardHandler);
  app.use('/rest', restHandler({ requestHandler, userBuilder, legacyCompat: { enabled: true } }));
  app.use(jsonRpcHandler({ requestHandler, userBuilder, legacyCompat: { enabled: true } }));
  log(`listening on ${baseUrl}`);
  process.stdout.write(`READY ${port}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
