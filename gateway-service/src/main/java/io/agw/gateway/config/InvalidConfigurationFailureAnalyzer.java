package io.agw.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a bad configuration file at startup as a short description with each problem and its path
 * in the file, instead of a stack trace.
 */
public final class InvalidConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
    return new FailureAnalysis(
        "The configuration "
            + cause.source()
            + " cannot be served:\n  "
            + String.join("\n  ", cause.problems()),
        "Fix the fields named above (docs/configuration.md lists every supported field) and start again.",
        cause);
  }
}
