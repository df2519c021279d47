// Wire types of the admin API, as openapi.yaml describes them (only the fields the UI reads).

export interface ApiFieldError {
  path: string;
  message: string;
}

export interface Overview {
  gateway: {
    version: string;
    startedAt: string;
    configSource: 'builtin' | 'file' | 'controlPlane';
    configPath: string | null;
    adminPort: number;
  };
  listeners: {
    name: string;
    gateway: string;
    port: number;
    protocol: string;
    hostname: string | null;
    tls: boolean;
  }[];
  routes: OverviewRoute[];
  backends: {
    name: string;
    kind: string;
    target: string;
    state: 'healthy' | 'ejected';
    ejectedUntil: string | null;
    consecutiveFailures: number;
  }[];
  reload: { version: string | number; appliedAt: string; source: string } | null;
  lastRefused: { at: string; errors: ApiFieldError[] } | null;
}

export interface OverviewRoute {
  key: string;
  name: string;
  listener: string;
  port: number;
  hostnames: string[];
  pathPrefix: string | null;
  kind: 'llm' | 'mcp' | 'a2a' | 'http';
  backends: string[];
  policies: string[];
}

export interface ConfigDocument {
  source: string;
  path: string | null;
  storage: 'file' | 'hybrid' | 'readOnly';
  writable: boolean;
  yaml: string;
  overlay: string | null;
}

export interface ValidationResult {
  valid: boolean;
  errors: ApiFieldError[];
}

export interface CelResult {
  result: unknown;
  type: string;
}

export interface SpendRow {
  group: Record<string, string | null>;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number | null;
}

export interface Spend {
  groupBy: string[];
  from: string;
  to: string;
  timeZone: string;
  rows: SpendRow[];
}

export interface UsageRecord {
  id: string;
  time: string;
  key: string | null;
  user: string | null;
  team: string | null;
  route: string | null;
  provider: string;
  requestModel: string;
  responseModel: string;
  streamed: boolean;
  tokens: { input?: number | null; output?: number | null; total?: number | null };
  costUsd: number | null;
  latencyMs: number;
  timeToFirstTokenMs?: number | null;
  status: number;
  error: string | null;
  guardrail: 'passed' | 'masked' | 'rejected' | null;
  traceId: string | null;
}

export interface UsageRecords {
  records: UsageRecord[];
  next: string | null;
}

export interface Key {
  id: string;
  name: string;
  prefix: string;
  team: string | null;
  user: string | null;
  tags: string[];
  allowedModels: string[] | null;
  limits: { requestsPerMinute?: number | null; tokensPerMinute?: number | null };
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  revokedAt?: string | null;
}

export interface KeyWithSecret extends Key {
  key: string;
}

export interface Budget {
  id: string;
  scope: 'key' | 'team' | 'user' | 'route';
  subject: string;
  unit: 'usd' | 'tokens';
  amount: number;
  window: 'daily' | 'weekly' | 'monthly' | 'lifetime';
  timeZone: string;
  mode: 'hard' | 'soft';
}

export interface BudgetSpend {
  id: string;
  unit: 'usd' | 'tokens';
  amount: number;
  spent: number;
  reserved: number;
  remaining: number;
  windowStart: string;
  windowEnd: string | null;
}

export interface GuardDecisionRow {
  time: string;
  guard: string;
  action: string;
  phase: string;
  count: number;
}
