// The admin API at same-origin /api/v1 (gateway-service/src/main/resources/admin/openapi.yaml).
// Local reads need no credential; every write (and every call from elsewhere) sends the admin
// token the operator gave in the "Sign in" dialog.
import { readToken } from '../auth/tokenStore';

export const API_BASE = '/api/v1';

/** An admin API call that failed: the HTTP status and the server's own message. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly body: unknown;

  constructor(status: number, type: string, message: string, body: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.type = type;
    this.body = body;
  }
}

export const SIGN_IN_MESSAGE = 'Sign in with the admin token';

function errorOf(status: number, body: unknown, fallback: string): ApiError {
  const error = (body as { error?: unknown } | null)?.error;
  let type = 'http';
  let message = fallback;
  if (error && typeof error === 'object') {
    const e = error as { type?: unknown; message?: unknown };
    if (typeof e.type === 'string') type = e.type;
    if (typeof e.message === 'string') message = e.message;
  } else if (typeof error === 'string') {
    message = error;
  }
  if (status === 401) message = `${SIGN_IN_MESSAGE}: ${message}`;
  return new ApiError(status, type, message, body);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** The body as text with its content type (the configuration endpoints take YAML). */
  text?: { content: string; type: string };
  signal?: AbortSignal;
}

/** Calls `/api/v1{path}` and returns the decoded JSON (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.text) {
    headers['Content-Type'] = options.text.type;
    body = options.text.content;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(API_BASE + path, {
    method: options.method ?? 'GET',
    headers,
    body,
    signal: options.signal,
  });
  const raw = await response.text();
  let decoded: unknown = undefined;
  if (raw) {
    try {
      decoded = JSON.parse(raw);
    } catch {
      decoded = raw;
    }
  }
  if (!response.ok) {
    throw errorOf(response.status, decoded, `${response.status} ${response.statusText}`.trim());
  }
  return decoded as T;
}

/** A query string from the defined entries (`?a=1&b=2`, or empty). */
export function query(params: Record<string, string | number | boolean | undefined | null>) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
