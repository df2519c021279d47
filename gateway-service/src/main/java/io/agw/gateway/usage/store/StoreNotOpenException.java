package io.agw.gateway.usage.store;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The usage store has not been opened yet (it opens in the background at start-up, see {@link
 * UsageStore}). Not a failure to report: readers that poll the store wait for it quietly, and the
 * admin API answers 503 like for any {@link org.springframework.dao.DataAccessException}.
 */
public final class StoreNotOpenException extends DataAccessResourceFailureException {

  public StoreNotOpenException() {
    super("the usage store is not open yet");
  }
}
