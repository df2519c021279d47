import { createParser } from 'eventsource-parser';

/** One event of an A2A `message/stream` answer, summarised for the log. */
export interface AgentEvent {
  kind: string;
  state?: string;
  text: string;
  final?: boolean;
}

interface Part {
  kind?: string;
  text?: string;
  data?: unknown;
}

function partsText(parts: Part[] | undefined): string {
  return (parts ?? [])
    .map((p) =>
      p.kind === 'text' || p.text !== undefined ? (p.text ?? '') : JSON.stringify(p.data ?? p),
    )
    .join('');
}

/** Summarises one JSON-RPC response of the stream (a task, message, status or artifact update). */
export function agentEventOf(response: unknown): AgentEvent {
  const r = response as {
    error?: { code?: number; message?: string };
    result?: Record<string, unknown>;
  };
  if (r.error)
    return { kind: 'error', text: `${r.error.code ?? ''} ${r.error.message ?? ''}`.trim() };
  const result = (r.result ?? {}) as {
    kind?: string;
    parts?: Part[];
    status?: { state?: string; message?: { parts?: Part[] } };
    artifact?: { name?: string; parts?: Part[] };
    final?: boolean;
  };
  switch (result.kind) {
    case 'message':
      return { kind: 'message', text: partsText(result.parts) };
    case 'task':
    case 'status-update':
      return {
        kind: result.kind,
        state: result.status?.state,
        text: partsText(result.status?.message?.parts),
        final: result.final,
      };
    case 'artifact-update':
      return {
        kind: 'artifact-update',
        text: `${result.artifact?.name ? `${result.artifact.name}: ` : ''}${partsText(result.artifact?.parts)}`,
      };
    default:
      return { kind: result.kind ?? 'unknown', text: JSON.stringify(result) };
  }
}

/** Reads the SSE answer of `message/stream`, calling `onEvent` per JSON-RPC response. */
export async function readAgentStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: AgentEvent) => void,
): Promise<void> {
  const parser = createParser({
    onEvent(event) {
      try {
        onEvent(agentEventOf(JSON.parse(event.data)));
      } catch {
        onEvent({ kind: 'unreadable', text: event.data });
      }
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  parser.feed(decoder.decode());
}
