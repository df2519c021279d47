-- The configuration overlay of config.storage.mode: hybrid (issue 21): one row per write through
-- the admin API, the newest (highest revision) wins. yaml is NULL in a row that removed the
-- overlay. Times are epoch milliseconds (UTC).
CREATE TABLE config_overlay (
  revision INTEGER PRIMARY KEY AUTOINCREMENT,
  yaml     TEXT,
  saved_at BIGINT NOT NULL
);
