-- Budgets (usage.budget): a limit on spend per key, team, user or route, and per window the
-- spend committed against it. Amounts are micro-USD (1e-6 USD) for unit 'usd', tokens for 'tokens'.
CREATE TABLE agw_budgets (
  id          VARCHAR(64)  NOT NULL PRIMARY KEY,
  scope       VARCHAR(16)  NOT NULL,
  subject     VARCHAR(512) NOT NULL,
  unit        VARCHAR(16)  NOT NULL,
  amount      BIGINT       NOT NULL,
  period      VARCHAR(16)  NOT NULL,
  time_zone   VARCHAR(64)  NOT NULL,
  mode        VARCHAR(16)  NOT NULL,
  created_at  BIGINT       NOT NULL,
  updated_at  BIGINT       NOT NULL
);

CREATE INDEX agw_budgets_subject ON agw_budgets (scope, subject);

-- One row per budget and window. committed = settled + leases that replicas hold and have not
-- settled or returned yet; a replica takes a lease with one conditional UPDATE on committed.
CREATE TABLE agw_budget_spend (
  budget_id     VARCHAR(64) NOT NULL,
  window_start  BIGINT      NOT NULL,
  committed     BIGINT      NOT NULL,
  settled       BIGINT      NOT NULL,
  PRIMARY KEY (budget_id, window_start)
);
