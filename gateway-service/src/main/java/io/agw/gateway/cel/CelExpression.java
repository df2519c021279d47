package io.agw.gateway.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled CEL expression with what it needs from the exchange. Evaluation errors (a missing
 * claim, a wrong type) are values here: {@link #test} treats them as false and {@link #string} as
 * absent, so a request never fails with a stack trace because of an expression. Immutable and
 * thread-safe.
 */
public final class CelExpression {

  private final String source;
  private final Program program;
  private final boolean readsRequestBody;
  private final boolean readsResponseBody;
  private final Set<String> variables;

  CelExpression(
      String source,
      Program program,
      boolean readsRequestBody,
      boolean readsResponseBody,
      Set<String> variables) {
    this.source = source;
    this.program = program;
    this.readsRequestBody = readsRequestBody;
    this.readsResponseBody = readsResponseBody;
    this.variables = variables;
  }

  /** The value, or an error. */
  public Object eval(CelContext context) throws CelEvaluationException {
    return program.eval(context);
  }

  /** True only when the expression evaluates to boolean true. */
  public boolean test(CelContext context) {
    try {
      return Boolean.TRUE.equals(program.eval(context));
    } catch (CelEvaluationException | RuntimeException e) {
      return false;
    }
  }

  /** The value as text (strings as they are, other values as JSON), or empty on an error. */
  public Optional<String> string(CelContext context) {
    try {
      return Optional.of(CelValues.asText(program.eval(context)));
    } catch (CelEvaluationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The value as plain Java values for JSON output (maps, lists, strings, numbers, booleans), or
   * empty on an error or a null.
   */
  public Optional<Object> plain(CelContext context) {
    try {
      return Optional.ofNullable(CelValues.toPlain(program.eval(context)));
    } catch (CelEvaluationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public String source() {
    return source;
  }

  /** Whether the expression reads {@code request.body}, which must then be buffered. */
  public boolean readsRequestBody() {
    return readsRequestBody;
  }

  /** Whether the expression reads {@code response.body}. */
  public boolean readsResponseBody() {
    return readsResponseBody;
  }

  /**
   * Whether the expression names the top-level variable {@code name} (a comprehension variable of
   * the same name counts too, which only errs on the side of "reads it").
   */
  public boolean reads(String name) {
    return variables.contains(name);
  }

  @Override
  public String toString() {
    return source;
  }
}
