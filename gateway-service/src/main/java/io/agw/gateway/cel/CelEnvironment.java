package io.agw.gateway.cel;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import io.agw.model.cel.CelDeclarations;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's one CEL environment: the variables and helper functions of {@link CelDeclarations},
 * with the helper functions bound. Compiled expressions are cached by source text, so a reload that
 * keeps an expression reuses its program. Thread-safe; one instance per process.
 */
public final class CelEnvironment {

  private static final int MAX_CACHED = 10_000;

  private final Cel cel;
  private final Map<String, CelExpression> cache = new ConcurrentHashMap<>();

  public CelEnvironment() {
    this.cel =
        CelDeclarations.builder()
            .addFunctionBindings(CelFunctions.bindings())
            .addFunctionBindings(CelNetwork.bindings())
            .build();
  }

  /**
   * Compiles {@code expression} once.
   *
   * @throws IllegalArgumentException with the position of the problem when it does not compile
   */
  public CelExpression compile(String expression) {
    CelExpression cached = cache.get(expression);
    if (cached != null) {
      return cached;
    }
    CelExpression compiled = doCompile(expression);
    if (cache.size() >= MAX_CACHED) {
      cache.clear(); // configurations this large are rare; recompiling is cheap enough
    }
    cache.put(expression, compiled);
    return compiled;
  }

  private CelExpression doCompile(String expression) {
    try {
      CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
      boolean requestBody = selects(ast, "request", "body");
      boolean responseBody = selects(ast, "response", "body");
      return new CelExpression(
          expression, cel.createProgram(ast), requestBody, responseBody, variables(ast));
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(
          "invalid CEL expression '"
              + expression
              + "' at "
              + CelDeclarations.describe(e.getErrors()),
          e);
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
