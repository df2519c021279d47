package io.agw.model.cel;

import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The declarations of the gateway's CEL environment: the variables policies can read (the subset of
 * agentgateway's CEL context this product fills) and the helper functions beyond standard CEL. The
 * config loader type-checks expressions with {@link #check}; the gateway builds its runtime from
 * {@link #builder()} and binds the helper functions. Immutable and thread-safe.
 */
public final class CelDeclarations {

  /**
   * The variables: every top-level family of agentgateway's CEL context, all dynamically typed
   * maps. A family this gateway does not fill ({@code extauthz}, {@code extproc}, ...) is declared
   * so that expressions type-check, and is an empty map at run time.
   */
  public static final List<String> VARIABLES =
      List.of(
          "request",
          "response",
          "proxy",
          "env",
          "source",
          "destination",
          "jwt",
          "apiKey",
          "basicAuth",
          "llm",
          "llmRequest",
          "backend",
          "mcp",
          "extauthz",
          "extproc",
          "mcpGuardrails",
          "metadata");

  /** {@code json(string) -> dyn}: parses JSON text. */
  public static final String JSON = "json";

  /** {@code toJson(dyn) -> string}: serializes a value as JSON. */
  public static final String TO_JSON = "toJson";

  public static final CelOptions OPTIONS =
      CelOptions.current()
          .enableTimestampEpoch(true)
          .enableHeterogeneousNumericComparisons(true)
          .build();

  private static final CelCompiler COMPILER = compilerOnly();

  // Macro names: a custom function of the same name would take their calls.
  private static final java.util.Set<String> MACROS =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of("has", "all", "exists", "exists_one", "map", "filter"),
              CelMacros.all().stream().map(dev.cel.parser.CelMacro::getFunction))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private CelDeclarations() {}

  /**
   * A builder with every declaration, macro and extension library (compile and runtime halves); add
   * the gateway's function bindings to it.
   */
  public static CelBuilder builder() {
    return builder(CelCustomFunctions.NONE);
  }

  /** {@link #builder()} with the functions of {@code config.customFunctions} added. */
  public static CelBuilder builder(CelCustomFunctions custom) {
    CelBuilder b =
        CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addMacros(CelMacros.all())
            .addMacros(custom.macros())
            .addCompilerLibraries(
                CelExtensions.strings(),
                CelExtensions.math(OPTIONS),
                CelExtensions.encoders(OPTIONS),
                CelExtensions.lists(),
                CelExtensions.sets(OPTIONS),
                CelExtensions.optional())
            .addRuntimeLibraries(
                CelExtensions.strings(),
                CelExtensions.math(OPTIONS),
                CelExtensions.encoders(OPTIONS),
                CelExtensions.lists(),
                CelExtensions.sets(OPTIONS),
                CelExtensions.optional())
            .addFunctionDeclarations(functions());
    VARIABLES.forEach(v -> b.addVar(v, SimpleType.DYN));
    return b;
  }

  private static CelCompiler compilerOnly() {
    return compilerBuilder().build();
  }

  /** A compiler's builder with every declaration, macro and extension library. */
  static dev.cel.compiler.CelCompilerBuilder compilerBuilder() {
    var b =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addMacros(CelMacros.all())
            .addLibraries(
                CelExtensions.strings(),
                CelExtensions.math(OPTIONS),
                CelExtensions.encoders(OPTIONS),
                CelExtensions.lists(),
                CelExtensions.sets(OPTIONS),
                CelExtensions.optional())
            .addFunctionDeclarations(functions());
    VARIABLES.forEach(v -> b.addVar(v, SimpleType.DYN));
    return b;
  }

  /** Parses {@code expression} (macros expanded, nothing type-checked). */
  static CelValidationResult parse(String expression) {
    return COMPILER.parse(expression);
  }

  /** Whether {@code name} is a function or macro of this environment, or a keyword. */
  static boolean isTaken(String name) {
    if (MACROS.contains(name)) {
      return true;
    }
    CelValidationResult result = COMPILER.compile(name + "()");
    return !result.hasError()
        || result.getErrors().stream()
            .noneMatch(i -> i.getMessage().contains("undeclared reference to '" + name + "'"));
  }

  private static List<CelFunctionDecl> functions() {
    List<CelFunctionDecl> all = new ArrayList<>(CelFunctionDeclarations.functions());
    all.addAll(CelNetworkDeclarations.functions());
    all.addAll(CelBitDeclarations.functions());
    all.addAll(CelHeaderDeclarations.functions());
    return all;
  }

  /**
   * Parses and type-checks {@code expression}.
   *
   * @return the first problem as "line L, column C: message", or empty when it compiles
   */
  public static Optional<String> check(String expression) {
    CelValidationResult result = COMPILER.compile(expression);
    if (!result.hasError()) {
      return Optional.empty();
    }
    return Optional.of(describe(result.getErrors()));
  }

  /** The first issue with its 1-based position. */
  public static String describe(List<CelIssue> issues) {
    if (issues.isEmpty()) {
      return "invalid expression";
    }
    CelIssue issue = issues.get(0);
    var location = issue.getSourceLocation();
    if (location.getLine() <= 0) {
      return issue.getMessage();
    }
    return "line "
        + location.getLine()
        + ", column "
        + (location.getColumn() + 1)
        + ": "
        + issue.getMessage();
  }
}
