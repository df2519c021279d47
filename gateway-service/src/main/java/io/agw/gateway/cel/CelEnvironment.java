package io.agw.gateway.cel;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import io.agw.model.cel.CelCustomFunctions;
import io.agw.model.cel.CelDeclarations;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's one CEL environment: the variables and helper functions of {@link CelDeclarations},
 * with the helper functions bound. Compiled expressions are cached by source text, so a reload that
 * keeps an expression reuses its program. Thread-safe; one instance per process.
 */
public final class CelEnvironment {

  private static final int MAX_CACHED = 10_000;

  /** The longest expression {@link #evaluateOnce} compiles, in code points. */
  public static final int MAX_SAMPLE_EXPRESSION = 4096;

  /** Iterations one comprehension of {@link #evaluateOnce} may take. */
  static final int MAX_SAMPLE_ITERATIONS = 10_000;

  /**
   * The compilers of one set of custom functions, with the programs compiled by them: replaced
   * whole when the functions change, so that no program of the old functions is served after.
   */
  private record Compilers(
      CelCustomFunctions functions, Cel cel, Cel sample, Map<String, CelExpression> cache) {

    static Compilers of(CelCustomFunctions functions, Set<String> sensitiveHeaders) {
      Cel cel = withBindings(CelDeclarations.builder(functions), sensitiveHeaders).build();
      // The same declarations and functions, bounded, for expressions that come from an API call
      // rather than from the configuration.
      Cel sample =
          withBindings(CelDeclarations.builder(functions), sensitiveHeaders)
              .setOptions(
                  CelDeclarations.OPTIONS.toBuilder()
                      .maxExpressionCodePointSize(MAX_SAMPLE_EXPRESSION)
                      .comprehensionMaxIterations(MAX_SAMPLE_ITERATIONS)
                      .build())
              .build();
      return new Compilers(functions, cel, sample, new ConcurrentHashMap<>());
    }
  }

  private final Set<String> sensitiveHeaders;
  private volatile Compilers compilers;

  public CelEnvironment() {
    this(CelCustomFunctions.NONE);
  }

  /** An environment where every expression may call {@code customFunctions}. */
  public CelEnvironment(CelCustomFunctions customFunctions) {
    this(customFunctions, Set.of());
  }

  /**
   * An environment where every expression may call {@code customFunctions} and where {@code
   * headers.redacted()} also hides the values of {@code sensitiveHeaders} ({@code
   * config.sensitiveHeaders}; any case).
   */
  public CelEnvironment(CelCustomFunctions customFunctions, Set<String> sensitiveHeaders) {
    Set<String> lower = new java.util.LinkedHashSet<>();
    sensitiveHeaders.stream()
        .filter(h -> !h.isBlank())
        .forEach(h -> lower.add(h.strip().toLowerCase(java.util.Locale.ROOT)));
    this.sensitiveHeaders = Set.copyOf(lower);
    this.compilers = Compilers.of(customFunctions, this.sensitiveHeaders);
  }

  /**
   * Makes {@code customFunctions} ({@code config.customFunctions}) callable from expressions
   * compiled from now on; expressions compiled before keep the functions they were compiled with.
   * Nothing changes when they are the functions in use.
   */
  public void useCustomFunctions(CelCustomFunctions customFunctions) {
    if (!compilers.functions().equals(customFunctions)) {
      compilers = Compilers.of(customFunctions, sensitiveHeaders);
    }
  }

  /** The custom functions expressions are compiled with. */
  public CelCustomFunctions customFunctions() {
    return compilers.functions();
  }

  private static dev.cel.bundle.CelBuilder withBindings(
      dev.cel.bundle.CelBuilder builder, Set<String> sensitiveHeaders) {
    return builder
        .addFunctionBindings(CelFunctions.bindings(sensitiveHeaders))
        .addFunctionBindings(CelNetwork.bindings());
  }

  /**
   * A compile error with its 1-based position (0 when the compiler gave none).
   *
   * <p>A subclass of {@link IllegalArgumentException}, what {@link #compile} has always thrown.
   */
  public static final class InvalidExpression extends IllegalArgumentException {
    private final int line;
    private final int column;
    private final String problem;

    InvalidExpression(String message, String problem, int line, int column, Throwable cause) {
      super(message, cause);
      this.problem = problem;
      this.line = line;
      this.column = column;
    }

    /** The compiler's message without the expression. */
    public String problem() {
      return problem;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  /** An evaluation of {@link #evaluateOnce} stopped at its time limit. */
  public static final class EvaluationTimeout extends RuntimeException {
    EvaluationTimeout() {
      super("the evaluation took longer than its limit", null, false, false);
    }
  }

  /**
   * Compiles and evaluates {@code expression} once, without caching it, against plain {@code
   * variables} (CEL values by variable name; a variable not given is an empty map). Bounded: the
   * expression's size ({@link #MAX_SAMPLE_EXPRESSION}), each comprehension's iterations, and the
   * time, checked at every evaluated node.
   *
   * @throws InvalidExpression when it does not compile
   * @throws EvaluationTimeout when it runs past {@code limit}
   * @throws dev.cel.runtime.CelEvaluationException when the evaluation fails (a missing key, a
   *     wrong type at run time)
   */
  public Object evaluateOnce(String expression, Map<String, Object> variables, Duration limit)
      throws dev.cel.runtime.CelEvaluationException {
    Cel sample = compilers.sample();
    CelAbstractSyntaxTree ast;
    try {
      ast = sample.compile(expression).getAst();
    } catch (CelValidationException e) {
      throw invalid(expression, e);
    }
    Map<String, Object> all = new java.util.HashMap<>();
    CelDeclarations.VARIABLES.forEach(v -> all.put(v, Map.of()));
    all.putAll(variables);
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      return sample
          .createProgram(ast)
          .trace(
              all,
              (expr, value) -> {
                if (System.nanoTime() - deadline > 0) {
                  throw new EvaluationTimeout();
                }
              });
    } catch (dev.cel.runtime.CelEvaluationException e) {
      if (e.getCause() instanceof EvaluationTimeout timeout) {
        throw timeout;
      }
      throw e;
    }
  }

  private static InvalidExpression invalid(String expression, CelValidationException e) {
    int line = 0;
    int column = 0;
    String problem = "invalid expression";
    if (!e.getErrors().isEmpty()) {
      var issue = e.getErrors().get(0);
      problem = issue.getMessage();
      if (issue.getSourceLocation().getLine() > 0) {
        line = issue.getSourceLocation().getLine();
        column = issue.getSourceLocation().getColumn() + 1;
      }
    }
    return new InvalidExpression(
        "invalid CEL expression '" + expression + "' at " + CelDeclarations.describe(e.getErrors()),
        problem,
        line,
        column,
        e);
  }

  /**
   * Compiles {@code expression} once.
   *
   * @throws IllegalArgumentException with the position of the problem when it does not compile
   */
  public CelExpression compile(String expression) {
    Compilers current = compilers;
    Map<String, CelExpression> cache = current.cache();
    CelExpression cached = cache.get(expression);
    if (cached != null) {
      return cached;
    }
    CelExpression compiled = doCompile(current.cel(), expression);
    if (cache.size() >= MAX_CACHED) {
      cache.clear(); // configurations this large are rare; recompiling is cheap enough
    }
    cache.put(expression, compiled);
    return compiled;
  }

  private static CelExpression doCompile(Cel cel, String expression) {
    try {
      CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
      boolean requestBody = selects(ast, "request", "body");
      boolean responseBody = selects(ast, "response", "body");
      return new CelExpression(
          expression, cel.createProgram(ast), requestBody, responseBody, variables(ast));
    } catch (CelValidationException e) {
      throw invalid(expression, e);
    } catch (dev.cel.common.CelException e) {
      throw new IllegalArgumentException("invalid CEL expression '" + expression + "'", e);
    }
  }

  /** The top-level variables the expression names ({@code request}, {@code llm}, ...). */
  private static java.util.Set<String> variables(CelAbstractSyntaxTree ast) {
    return CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .map(n -> n.expr())
        .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.IDENT)
        .map(e -> e.ident().name())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Whether the expression reads {@code variable.field} (so that the body must be buffered). */
  private static boolean selects(CelAbstractSyntaxTree ast, String variable, String field) {
    return CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .map(n -> n.expr())
        .anyMatch(
            e ->
                e.getKind() == CelExpr.ExprKind.Kind.SELECT
                    && e.select().field().equals(field)
                    && e.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                    && e.select().operand().ident().name().equals(variable));
  }
}
