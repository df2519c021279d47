-- The configuration overlay of config.storage.mode: hybrid (issue 21): one row per write through
-- the admin API, the newest (highest revision) wins; every replica on this database polls it.
-- yaml is NULL in a row that removed the overlay. Times are epoch milliseconds (UTC).
CREATE TABLE config_overlay (
  revision BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  yaml     TEXT,
  saved_at BIGINT NOT NULL
);
