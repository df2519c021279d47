// A real A2A client built on the official JS SDK, for the gateway's integration tests.
//
// Usage: node client.mjs <baseUrl | cardUrl> [--protocol 1.0|0.3]
//   <baseUrl>  the agent's base URL (the card is read from <baseUrl>/.well-known/agent-card.json)
//   <cardUrl>  or a full URL ending in .json, such as <gateway>/agents/x/.well-known/agent.json
//   --protocol which protocol version to speak (default 1.0; 0.3 uses the SDK's compat transport
//              with the v0.3 method names message/send, message/stream, tasks/get)
//
// Steps: resolve the card, send "hello" (message/send), stream "run a task" (message/stream),
// read the task back (tasks/get). Logs go to stderr; stdout gets ONE JSON line at the end:
//   {cardUrl, interfaceUrls, protocol, sendReply, streamEvents, taskState, taskId, contextId}
// Exits 1 on any error, or when the agent's answers are not the ones server.mjs gives.
import { Role, TaskState, taskStateToJSON } from '@a2a-js/sdk';
import {
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
} from '@a2a-js/sdk/client';

const log = (...args) => console.error('[a2a-client]', ...args);

function parseArgs(argv) {
  const args = { url: undefined, protocol: '1.0' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--protocol') {
      args.protocol = argv[++i];
    } else if (argv[i].startsWith('--protocol=')) {
      args.protocol = argv[i].slice('--protocol='.length);
    } else {
      args.url = argv[i];
    }
  }
  if (!args.url || !['1.0', '0.3'].includes(args.protocol)) {
    throw new Error('usage: node client.mjs <baseUrl|cardUrl> [--protocol 1.0|0.3]');
  }
  return args;
}

/** The card URL: a .json URL as given, else the well-known path under the base URL. */
function cardUrlOf(url) {
  if (new URL(url).pathname.endsWith('.json')) {
    return url;
  }
  // new URL(relative, base) replaces the last segment unless the base ends with a slash.
  return new URL('.well-known/agent-card.json', url.endsWith('/') ? url : `${url}/`).toString();
}

function userMessage(text) {
  return {
    tenant: '',
    metadata: {},
    configuration: undefined,
    message: {
      messageId: crypto.randomUUID(),
      role: Role.ROLE_USER,
      parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
      taskId: '',
      contextId: '',
      extensions: [],
      metadata: {},
      referenceTaskIds: [],
    },
  };
}

function textOf(message) {
  return (message?.parts ?? [])
    .filter((part) => part.content?.$case === 'text')
    .map((part) => part.content.value)
    .join(' ');
}

/** v0.3 states as on the wire ("working"), so both protocol versions print the same words. */
function stateName(state) {
  return taskStateToJSON(state).replace(/^TASK_STATE_/, '').toLowerCase().replace(/_/g, '-');
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function main() {
  const { url, protocol } = parseArgs(process.argv.slice(2));
  const legacyCompat = { enabled: true };
  const cardUrl = cardUrlOf(url);
  const card = await new DefaultAgentCardResolver({ legacyCompat }).resolve(cardUrl, '');
  const interfaceUrls = card.supportedInterfaces.map((i) => `${i.protocolBinding} ${i.protocolVersion} ${i.url}`);
  // Speak only the chosen version: keep the JSON-RPC interfaces advertised for it.
  const chosen = card.supportedInterfaces.filter(
    (i) => i.protocolBinding === 'JSONRPC' && (i.protocolVersion || '0.3').startsWith(protocol)
  );
  check(chosen.length > 0, `card ${cardUrl} has no JSONRPC interface at ${protocol}`);
  for (const line of interfaceUrls) {
    log(`card interface: ${line}`);
  }
  log(`will call: ${chosen[0].url} (JSONRPC ${protocol})`);

  const factory = new ClientFactory(
    ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
      transports: [new JsonRpcTransportFactory({ legacyCompat })],
      cardResolver: new DefaultAgentCardResolver({ legacyCompat }),
    })
  );
  const client = await factory.createFromAgentCard({ ...card, supportedInterfaces: chosen });

  const reply = await client.sendMessage(userMessage('hello'));
  check(reply.messageId !== undefined && reply.status === undefined, 'send: expected a message reply');
  const sendReply = textOf(reply);
  log(`send reply: ${sendReply}`);

  const streamEvents = [];
  let taskId;
  let contextId;
  for await (const event of client.sendMessageStream(userMessage('run a task'))) {
    const payload = event.payload;
    switch (payload?.$case) {
      case 'task':
        taskId = payload.value.id;
        contextId = payload.value.contextId;
        streamEvents.push(`task:${stateName(payload.value.status.state)}`);
        break;
      case 'statusUpdate':
        streamEvents.push(`status-update:${stateName(payload.value.status.state)}`);
        break;
      case 'artifactUpdate':
        streamEvents.push(`artifact-update:${textOf(payload.value.artifact)}`);
        break;
      case 'message':
        streamEvents.push('message');
        break;
      default:
        streamEvents.push('unknown');
    }
    log(`stream event: ${streamEvents.at(-1)}`);
  }
  check(taskId, 'stream: no task event');

  const task = await client.getTask({ tenant: '', id: taskId, historyLength: undefined });
  const taskState = stateName(task.status.state);
  check(task.status.state === TaskState.TASK_STATE_COMPLETED, `task ${taskId} is ${taskState}`);

  process.stdout.write(
    `${JSON.stringify({ cardUrl: chosen[0].url, interfaceUrls, protocol, sendReply, streamEvents, taskState, taskId, contextId })}\n`
  );
}

main().catch((err) => {
  log('error:', err?.stack ?? err);
  process.exit(1);
});
