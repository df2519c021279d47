package io.agw.gateway.admin.ui;

import io.agw.model.config.ConfigError;

/**
 * One problem of a configuration: where in the document ({@code binds[0].listeners[0]...}, empty
 * when it is about the whole document) and what is wrong.
 */
record ErrorView(String path, String message) {

  static ErrorView of(ConfigError error) {
    return new ErrorView(error.path(), error.message());
  }
}
