package io.agw.gateway.state;

import java.util.List;

/** A set of resources that cannot become a state; lists every problem found. */
public final class InvalidStateException extends Exception {

  private final List<String> problems;

  public InvalidStateException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
