-- One row per guardrail decision (see docs/usage.md, "Guardrail decisions"). Times are epoch
-- milliseconds (UTC). Never the content a guard saw.
CREATE TABLE guard_decisions (
  ts      BIGINT NOT NULL,
  guard   VARCHAR(64) NOT NULL,
  kind    VARCHAR(16) NOT NULL,
  action  VARCHAR(16) NOT NULL,
  phase   VARCHAR(16) NOT NULL,
  route   VARCHAR(255),
  key_id  VARCHAR(255)
);
CREATE INDEX guard_decisions_ts ON guard_decisions (ts);
