-- One row per LLM call (see docs/usage.md, "Usage store"). Times are epoch milliseconds (UTC).
CREATE TABLE usage_records (
  id                  VARCHAR(36) PRIMARY KEY,
  ts                  BIGINT NOT NULL,
  key_id              VARCHAR(255),
  user_id             VARCHAR(255),
  team                VARCHAR(255),
  route               VARCHAR(255),
  provider            VARCHAR(255),
  request_model       VARCHAR(255),
  response_model      VARCHAR(255),
  streamed            SMALLINT NOT NULL DEFAULT 0,
  input_tokens        BIGINT,
  output_tokens       BIGINT,
  cached_input_tokens BIGINT,
  cache_write_tokens  BIGINT,
  reasoning_tokens    BIGINT,
  total_tokens        BIGINT,
  cost_usd            DOUBLE PRECISION,
  cost_source         VARCHAR(16),
  latency_ms          DOUBLE PRECISION NOT NULL,
  ttft_ms             DOUBLE PRECISION,
  status              INTEGER NOT NULL,
  error               TEXT,
  guardrail           VARCHAR(16),
  trace_id            VARCHAR(32)
);
CREATE INDEX usage_records_ts ON usage_records (ts);
CREATE INDEX usage_records_key_ts ON usage_records (key_id, ts);
CREATE INDEX usage_records_team_ts ON usage_records (team, ts);
CREATE INDEX usage_records_user_ts ON usage_records (user_id, ts);
CREATE INDEX usage_records_model_ts ON usage_records (request_model, ts);

-- Prompt and completion of a call, only with frontendPolicies.accessLog.database.llm: full.
CREATE TABLE usage_payloads (
  record_id  VARCHAR(36) PRIMARY KEY REFERENCES usage_records (id) ON DELETE CASCADE,
  prompt     TEXT,
  completion TEXT
);
