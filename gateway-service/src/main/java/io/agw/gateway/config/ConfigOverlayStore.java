package io.agw.gateway.config;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the configuration overlay of {@code config.storage.mode: hybrid} is kept: one revision per
 * write, the newest wins, shared by every replica that uses the same database. Implementations may
 * block (database calls) and throw when the database cannot be reached. Thread-safe.
 */
public interface ConfigOverlayStore {

  /**
   * One revision of the overlay.
   *
   * @param revision increases with every write
   * @param yaml the overlay document, or null when the overlay was removed by this revision
   * @param savedAt when it was written
   */
  record Overlay(long revision, String yaml, Instant savedAt) {}

  /** The newest revision, or empty when none was ever written. */
  Optional<Overlay> latest();

  /** Writes a new revision holding {@code yaml} (null removes the overlay) and returns it. */
  Overlay save(String yaml);

  /** Deletes one revision (a write that the gateway then could not apply), if it is the newest. */
  void discard(long revision);
}
