package io.agw.model.cel;

/**
 * {@code config.customFunctions} cannot be used: a malformed definition, a body that does not
 * compile, a name taken twice or by a built-in function, or recursion.
 */
public final class InvalidCustomFunctions extends IllegalArgumentException {

  private final int line;

  InvalidCustomFunctions(int line, String message) {
    super("line " + line + ": " + message);
    this.line = line;
  }

  /** The 1-based line of the block the problem is on. */
  public int line() {
    return line;
  }

  /** A problem found while reading; becomes an {@link InvalidCustomFunctions}. */
  static final class Problem extends RuntimeException {
    final int line;

    Problem(int line, String message) {
      super(message, null, false, false);
      this.line = line;
    }
  }
}
