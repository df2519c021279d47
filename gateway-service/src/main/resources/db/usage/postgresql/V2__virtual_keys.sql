-- Virtual keys (part C of issue 15): API keys created through the admin API. The secret itself is
-- never stored, only its SHA-256 (lower-case hex). Times are epoch milliseconds (UTC).
CREATE TABLE virtual_keys (
  id                  VARCHAR(64) NOT NULL PRIMARY KEY,
  name                TEXT    NOT NULL,
  secret_hash         CHAR(64) NOT NULL UNIQUE,
  secret_prefix       TEXT    NOT NULL,
  -- The secret replaced by the last rotation, accepted until previous_expires_at (grace period).
  previous_hash       CHAR(64),
  previous_expires_at BIGINT,
  team                TEXT,
  user_name           TEXT,
  -- JSON array of strings.
  tags                TEXT    NOT NULL DEFAULT '[]',
  -- JSON array of model patterns; NULL allows every model.
  allowed_models      TEXT,
  requests_per_minute BIGINT,
  tokens_per_minute   BIGINT,
  expires_at          BIGINT,
  created_at          BIGINT  NOT NULL,
  updated_at          BIGINT  NOT NULL,
  revoked_at          BIGINT
);

-- Replicas poll for keys changed since their last look.
CREATE INDEX virtual_keys_updated_at ON virtual_keys (updated_at);
CREATE INDEX virtual_keys_team ON virtual_keys (team);
CREATE INDEX virtual_keys_user ON virtual_keys (user_name);
