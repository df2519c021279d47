import { createParser } from 'eventsource-parser';

/** What an OpenAI chat completions answer (streamed or not) told the caller. */
export interface ChatAnswer {
  text: string;
  model?: string;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
  finishReason?: string;
}

interface ChatChunk {
  model?: string;
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: ChatAnswer['usage'] | null;
  error?: { message?: string };
}

/**
 * Reads a chat completions SSE stream (`data: {chunk}` events ending with `data: [DONE]`),
 * calling `onText` with each piece of content; the usage comes from the last chunk when the
 * request asked for `stream_options.include_usage`. An `error` event or chunk throws.
 */
export async function readChatStream(
  body: ReadableStream<Uint8Array>,
  onText: (piece: string) => void,
): Promise<ChatAnswer> {
  const answer: ChatAnswer = { text: '' };
  let failure: string | undefined;
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      let chunk: ChatChunk;
      try {
        chunk = JSON.parse(event.data) as ChatChunk;
      } catch {
        return;
      }
      if (event.event === 'error' || chunk.error) {
        failure = chunk.error?.message ?? event.data;
        return;
      }
      if (chunk.model) answer.model = chunk.model;
      if (chunk.usage) answer.usage = chunk.usage;
      for (const choice of chunk.choices ?? []) {
        const piece = choice.delta?.content;
        if (piece) {
          answer.text += piece;
          onText(piece);
        }
        if (choice.finish_reason) answer.finishReason = choice.finish_reason;
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
  if (failure) throw new Error(failure);
  return answer;
}

/** The answer of a non-streamed chat completion. */
export function readChatCompletion(json: unknown): ChatAnswer {
  const completion = json as {
    model?: string;
    usage?: ChatAnswer['usage'];
    choices?: { message?: { content?: string | null }; finish_reason?: string }[];
  };
  const choice = completion.choices?.[0];
  return {
    text: choice?.message?.content ?? '',
    model: completion.model,
    usage: completion.usage,
    finishReason: choice?.finish_reason,
  };
}

/** The message of an OpenAI-style error body, or the HTTP status. */
export function chatErrorOf(status: number, text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: string } }).error?.message;
    if (message) return `${status}: ${message}`;
  } catch {
    // not JSON: fall through to the status
  }
  return `${status}: ${text.slice(0, 200) || 'request failed'}`;
}
