package io.agw.model.cel;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelMacroExprFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The functions of {@code config.customFunctions}, ready to be called from every CEL expression.
 *
 * <p>A call is expanded at compile time: each function is a parse-time macro that writes the
 * function's body in place of the call, its parameters replaced by the arguments ({@link
 * CustomFunctionInliner}). So the expression that runs is plain CEL, type-checked as a whole, and
 * what it reads ({@code request.body}, {@code llm}, ...) is visible to the gateway's analysis of
 * which variables an expression needs, exactly as if the body had been written out. Recursion is
 * refused (as agentgateway does), so the expansion always ends.
 *
 * <p>Immutable and thread-safe; equal when made from the same text.
 */
public final class CelCustomFunctions {

  /** No custom functions. */
  public static final CelCustomFunctions NONE =
      new CelCustomFunctions("", List.of(), new ConcurrentHashMap<>());

  private final String source;
  private final List<CustomFunctionDefinition> definitions;
  // Each function's body, compiled with its callees already expanded: what a call inlines.
  private final Map<String, CelExpr> bodies;
  private final List<CelMacro> macros;
  private volatile CelCompiler compiler;

  private CelCustomFunctions(
      String source, List<CustomFunctionDefinition> definitions, Map<String, CelExpr> bodies) {
    this.source = source;
    this.definitions = List.copyOf(definitions);
    this.bodies = bodies;
    this.macros = definitions.stream().map(this::macro).toList();
  }

  /**
   * Reads and compiles {@code text} (the block string of {@code config.customFunctions}).
   *
   * @throws InvalidCustomFunctions with the line of the block the first problem is on
   */
  public static CelCustomFunctions parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    try {
      List<CustomFunctionDefinition> definitions = CustomFunctionParser.parse(text);
      Map<String, CustomFunctionDefinition> byName = byName(definitions);
      Map<String, Set<String>> calls = new HashMap<>();
      for (CustomFunctionDefinition d : definitions) {
        calls.put(d.name(), calls(d, byName.keySet()));
      }
      CelCustomFunctions functions =
          new CelCustomFunctions(text, definitions, new ConcurrentHashMap<>());
      for (CustomFunctionDefinition d : CustomFunctionOrder.callersLast(definitions, calls)) {
        functions.bodies.put(d.name(), functions.compileBody(d));
      }
      return functions;
    } catch (InvalidCustomFunctions.Problem p) {
      throw new InvalidCustomFunctions(p.line, p.getMessage());
    }
  }

  private static Map<String, CustomFunctionDefinition> byName(
      List<CustomFunctionDefinition> definitions) {
    Map<String, CustomFunctionDefinition> byName = new LinkedHashMap<>();
    for (CustomFunctionDefinition d : definitions) {
      CustomFunctionDefinition earlier = byName.putIfAbsent(d.name(), d);
      if (earlier != null) {
        throw new InvalidCustomFunctions.Problem(
            d.line(), d.name() + " is defined more than once (also line " + earlier.line() + ")");
      }
      if (CelDeclarations.isTaken(d.name())) {
        throw new InvalidCustomFunctions.Problem(
            d.line(), d.name() + " is the name of a built-in CEL function or macro");
      }
    }
    return byName;
  }

  /** The custom functions {@code d}'s body calls, found by parsing it without them. */
  private static Set<String> calls(CustomFunctionDefinition d, Set<String> custom) {
    CelValidationResult parsed = CelDeclarations.parse(d.body());
    if (parsed.hasError()) {
      throw bodyProblem(d, parsed);
    }
    try {
      return CelNavigableExpr.fromExpr(parsed.getAst().getExpr())
          .allNodes()
          .map(CelNavigableExpr::expr)
          .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.CALL)
          .map(e -> e.call().function())
          .filter(custom::contains)
          .collect(Collectors.toSet());
    } catch (dev.cel.common.CelValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  private CelExpr compileBody(CustomFunctionDefinition d) {
    CelCompilerBuilder b = CelDeclarations.compilerBuilder().addMacros(macros);
    for (String param : d.params()) {
      declare(b, param, SimpleType.DYN);
    }
    if (d.variadic() != null) {
      declare(b, d.variadic(), ListType.create(SimpleType.DYN));
    }
    if (d.receiver()) {
      declare(b, "this", SimpleType.DYN);
    }
    CelValidationResult result = b.build().compile(d.body());
    if (result.hasError()) {
      throw bodyProblem(d, result);
    }
    try {
      CelExpr body = result.getAst().getExpr();
      boolean optionalEntries =
          CelNavigableExpr.fromExpr(body)
              .allNodes()
              .map(CelNavigableExpr::expr)
              .anyMatch(
                  e ->
                      (e.getKind() == CelExpr.ExprKind.Kind.LIST
                              && !e.list().optionalIndices().isEmpty())
                          || (e.getKind() == CelExpr.ExprKind.Kind.MAP
                              && e.map().entries().stream().anyMatch(x -> x.optionalEntry()))
                          || (e.getKind() == CelExpr.ExprKind.Kind.STRUCT
                              && e.struct().entries().stream().anyMatch(x -> x.optionalEntry())));
      if (optionalEntries) {
        throw new InvalidCustomFunctions.Problem(
            d.bodyLine(),
            d.name() + ": optional entries ([?x], {?k: v}) are not supported in a custom function");
      }
      return body;
    } catch (dev.cel.common.CelValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void declare(CelCompilerBuilder b, String name, dev.cel.common.types.CelType t) {
    // A parameter named like a variable shadows it; the variable is already declared (dyn).
    if (!CelDeclarations.VARIABLES.contains(name)) {
      b.addVar(name, t);
    }
  }

  private static InvalidCustomFunctions.Problem bodyProblem(
      CustomFunctionDefinition d, CelValidationResult result) {
    var issues = result.getErrors();
    int line = d.bodyLine();
    String message = issues.isEmpty() ? "invalid expression" : issues.get(0).getMessage();
    if (!issues.isEmpty() && issues.get(0).getSourceLocation().getLine() > 0) {
      var location = issues.get(0).getSourceLocation();
      line = d.bodyLine() + location.getLine() - 1;
      int column = location.getColumn() + (location.getLine() == 1 ? d.bodyColumn() : 1);
      message = "column " + column + ": " + message;
    }
    return new InvalidCustomFunctions.Problem(
        line, d.signature() + ": invalid CEL expression at " + message);
  }

  private CelMacro macro(CustomFunctionDefinition d) {
    return d.receiver()
        ? CelMacro.newReceiverVarArgMacro(d.name(), (f, target, args) -> expand(d, f, target, args))
        : CelMacro.newGlobalVarArgMacro(d.name(), (f, target, args) -> expand(d, f, null, args));
  }

  private Optional<CelExpr> expand(
      CustomFunctionDefinition d,
      CelMacroExprFactory f,
      CelExpr target,
      ImmutableList<CelExpr> args) {
    int fixed = d.params().size();
    if (d.variadic() == null && args.size() != fixed) {
      return Optional.of(
          f.reportError(d.name() + "() takes " + fixed + " argument(s), not " + args.size()));
    }
    if (args.size() < fixed) {
      return Optional.of(
          f.reportError(
              d.name() + "() takes at least " + fixed + " argument(s), not " + args.size()));
    }
    CelExpr body = bodies.get(d.name());
    if (body == null) {
      return Optional.empty(); // still being compiled; never for a call that can run
    }
    Map<String, Supplier<CelExpr>> arguments = new HashMap<>();
    for (int i = 0; i < fixed; i++) {
      CelExpr arg = args.get(i);
      arguments.put(d.params().get(i), () -> f.copy(arg));
    }
    if (d.variadic() != null) {
      List<CelExpr> rest = args.subList(fixed, args.size());
      arguments.put(
          d.variadic(),
          () -> {
            List<CelExpr> copies = new ArrayList<>();
            rest.forEach(a -> copies.add(f.copy(a)));
            return f.newList(copies);
          });
    }
    if (target != null) {
      arguments.put("this", () -> f.copy(target));
    }
    return Optional.of(new CustomFunctionInliner(f, d.name()).inline(body, arguments));
  }

  /** The macros that expand calls to these functions; add them to a compiler or a parser. */
  public List<CelMacro> macros() {
    return macros;
  }

  /** The definitions, in the order written. */
  public List<CustomFunctionDefinition> definitions() {
    return definitions;
  }

  /** The text these functions were read from ({@code ""} for {@link #NONE}). */
  public String source() {
    return source;
  }

  public boolean isEmpty() {
    return definitions.isEmpty();
  }

  /**
   * Parses and type-checks {@code expression} with these functions, like {@link
   * CelDeclarations#check(String)}.
   */
  public Optional<String> check(String expression) {
    if (isEmpty()) {
      return CelDeclarations.check(expression);
    }
    CelCompiler c = compiler;
    if (c == null) {
      c = CelDeclarations.compilerBuilder().addMacros(macros).build();
      compiler = c;
    }
    CelValidationResult result = c.compile(expression);
    return result.hasError()
        ? Optional.of(CelDeclarations.describe(result.getErrors()))
        : Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CelCustomFunctions other && other.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return "CelCustomFunctions"
        + definitions.stream().map(CustomFunctionDefinition::signature).toList();
  }
}
