package io.agw.model.config.yaml;

/** The places a {@code policies} block is written: a listener, a route, or a backend. */
public enum PolicyBlock {
  LISTENER,
  ROUTE,
  BACKEND
}
