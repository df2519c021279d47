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
import java.util.List;
import java.util.Optional;

/**
 * The declarations of the gateway's CEL environment: the variables policies can read (the subset of
 * agentgateway's CEL context this product fills) and the helper functions beyond standard CEL. The
 * config loader type-checks expressions with {@link #check}; the gateway builds its runtime from
 * {@link #builder()} and binds the helper functions. Immutable and thread-safe.
 */
public final class CelDeclarations {

  /** The variables, all dynamically typed maps. */
  public static final List<String> VARIABLES =
      List.of(
          "request",
          "response",
          "source",
          "jwt",
          "apiKey",
          "basicAuth",
          "llm",
          "llmRequest",
          "backend",
          "mcp");

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

  private CelDeclarations() {}

  /** A builder with every declaration and the standard extensions; add runtime bindings to it. */
  public static CelBuilder builder() {
    CelBuilder b =
        CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(
                CelExtensions.strings(),
                CelExtensions.math(OPTIONS),
                CelExtensions.encoders(OPTIONS),
                CelExtensions.lists(),
                CelExtensions.sets(OPTIONS))
            .addRuntimeLibraries(
                CelExtensions.strings(),
                CelExtensions.math(OPTIONS),
                CelExtensions.encoders(OPTIONS),
                CelExtensions.lists(),
                CelExtensions.sets(OPTIONS))
            .addFunctionDeclarations(functions());
    VARIABLES.forEach(v -> b.addVar(v, SimpleType.DYN));
    return b;
  }

  private static CelCompiler compilerOnly() {
    var b =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(
                CelExtensions.strings(),
                CelExtensions.math(OPTIONS),
                CelExtensions.encoders(OPTIONS),
                CelExtensions.lists(),
                CelExtensions.sets(OPTIONS))
            .addFunctionDeclarations(functions());
    VARIABLES.forEach(v -> b.addVar(v, SimpleType.DYN));
    return b.build();
  }

  private static List<CelFunctionDecl> functions() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration(
            JSON,
            dev.cel.common.CelOverloadDecl.newGlobalOverload(
                "json_string", SimpleType.DYN, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            TO_JSON,
            dev.cel.common.CelOverloadDecl.newGlobalOverload(
                "to_json_dyn", SimpleType.STRING, SimpleType.DYN)));
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
