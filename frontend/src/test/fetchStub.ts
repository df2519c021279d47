import { vi } from 'vitest';

/** A request the stub received. */
export interface Call {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
}

export type Answer = Response | ((call: Call) => Response | Promise<Response>);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function sse(text: string, chunkSize = 17) {
  // Sent in small pieces so the parser sees events split across reads.
  const bytes = new TextEncoder().encode(text);
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += chunkSize)
          controller.enqueue(bytes.slice(i, i + chunkSize));
        controller.close();
      },
    }),
    { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
  );
}

/**
 * Replaces fetch with answers keyed by "METHOD /path" (the path without its query, on any
 * origin); an answer may be a function of the call. Unknown requests answer 404 in the admin
 * API's error format. Returns the calls, in order.
 */
export function stubFetch(answers: Record<string, Answer | Answer[]>): Call[] {
  const calls: Call[] = [];
  const queues = new Map(
    Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v] as const),
  );
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(
        String(input instanceof Request ? input.url : input),
        window.location.href,
      );
      const method = (
        init?.method ?? (input instanceof Request ? input.method : 'GET')
      ).toUpperCase();
      const headers = new Headers(
        init?.headers ?? (input instanceof Request ? input.headers : undefined),
      );
      const body = typeof init?.body === 'string' ? init.body : undefined;
      const call = { method, url, headers, body };
      calls.push(call);
      const entry = queues.get(`${method} ${url.pathname}`);
      let answer: Answer | undefined;
      if (Array.isArray(entry)) answer = entry.length > 1 ? entry.shift() : entry[0];
      else answer = entry;
      if (!answer)
        return json(
          { error: { type: 'not_found', message: `no stub for ${method} ${url.pathname}` } },
          404,
        );
      const response = typeof answer === 'function' ? await answer(call) : answer.clone();
      return response;
    }),
  );
  return calls;
}
