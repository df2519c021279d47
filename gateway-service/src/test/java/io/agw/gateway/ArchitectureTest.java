package io.agw.gateway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the gateway (docs/architecture.md draws them): no cycles between the
 * top-level packages, nothing ignored; the per-request facts ({@code exchange}) and the client
 * error format ({@code errorformat}) below every feature; the policies and telemetry below the LLM
 * runtime, which they read only through {@code exchange}; and the layers {@code backend} &lt;
 * {@code policy} &lt; features &lt; {@code state} &lt; {@code server}, {@code config}, {@code
 * admin}. The rules inside {@code llm} are {@code LlmArchitectureTest}'s.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.agw.gateway");

  private static final String EXCHANGE = "io.agw.gateway.exchange..";
  private static final String ERROR_FORMAT = "io.agw.gateway.errorformat..";

  /** Every top-level package against every other, the LLM runtime included: no exception. */
  @Test
  void noCyclesBetweenTopLevelPackages() {
    slices().matching("io.agw.gateway.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  /**
   * What one request is and did (the client API, the LLM call record, its token usage): every
   * feature may read it, so it knows none of them.
   */
  @Test
  void theExchangeFactsKnowNoFeature() {
    noClasses()
        .that()
        .resideInAPackage(EXCHANGE)
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.agw.gateway..")
                .and(DescribedPredicate.not(resideInAPackage(EXCHANGE))))
        .check(CLASSES);
  }

  /**
   * The client's error format, which the policies and the LLM runtime both answer in, reads the
   * exchange facts and nothing else of the gateway.
   */
  @Test
  void theErrorFormatKnowsOnlyTheExchange() {
    noClasses()
        .that()
        .resideInAPackage(ERROR_FORMAT)
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.agw.gateway..")
                .and(DescribedPredicate.not(resideInAnyPackage(ERROR_FORMAT, EXCHANGE))))
        .check(CLASSES);
  }

  /**
   * The LLM runtime uses the policies' helpers and telemetry (header modifiers, the prompt token
   * estimate, access-log fields); they see an LLM call only through {@code exchange} ({@code
   * LlmFacts}, {@code LlmCall}, {@code TokenUsage}), never the runtime.
   */
  @Test
  void policiesAndTelemetryNeverImportTheLlmRuntime() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.agw.gateway.cel..",
            "io.agw.gateway.identity..",
            "io.agw.gateway.http..",
            "io.agw.gateway.security..",
            "io.agw.gateway.extproc..",
            "io.agw.gateway.ratelimit..",
            "io.agw.gateway.telemetry..",
            "io.agw.gateway.route..",
            "io.agw.gateway.backend..",
            "io.agw.gateway.policy..",
            EXCHANGE,
            ERROR_FORMAT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.agw.gateway.llm..", "io.agw.gateway.llmroute..")
        .check(CLASSES);
  }

  @Test
  void noCyclesBetweenMcpPackages() {
    slices().matching("io.agw.gateway.mcp.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  /** Backends are the bottom layer: they know no feature, no policy and no state. */
  @Test
  void backendsKnowNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.backend..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.agw.gateway..")
                .and(DescribedPredicate.not(resideInAPackage("io.agw.gateway.backend.."))))
        .check(CLASSES);
  }

  /**
   * The registries know kinds only through their interfaces; features plug in, never the reverse.
   */
  @Test
  void policyRegistryKnowsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.agw.gateway.http..",
            "io.agw.gateway.security..",
            "io.agw.gateway.extproc..",
            "io.agw.gateway.ratelimit..",
            "io.agw.gateway.a2a..",
            "io.agw.gateway.mcp..",
            "io.agw.gateway.llm..",
            "io.agw.gateway.llmroute..",
            "io.agw.gateway.state..",
            "io.agw.gateway.server..")
        .check(CLASSES);
  }

  /** The state compiler finds features through the registries, never by name. */
  @Test
  void stateKnowsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.state..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.agw.gateway.http..",
            "io.agw.gateway.security..",
            "io.agw.gateway.extproc..",
            "io.agw.gateway.ratelimit..",
            "io.agw.gateway.a2a..",
            "io.agw.gateway.mcp..",
            "io.agw.gateway.llm..",
            "io.agw.gateway.llmroute..",
            "io.agw.gateway.server..",
            "io.agw.gateway.config..",
            "io.agw.gateway.admin..")
        .check(CLASSES);
  }

  /** Policy features are built per state; they never reach for the store or the servers. */
  @Test
  void policyFeaturesDoNotReachTheStoreOrServers() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.agw.gateway.http..",
            "io.agw.gateway.security..",
            "io.agw.gateway.extproc..",
            "io.agw.gateway.ratelimit..",
            "io.agw.gateway.a2a..",
            "io.agw.gateway.route..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.agw.gateway.state..",
            "io.agw.gateway.server..",
            "io.agw.gateway.config..",
            "io.agw.gateway.admin..")
        .check(CLASSES);
  }

  /** Configuration sources feed the store; they know nothing of the request path. */
  @Test
  void configDoesNotImportTheRequestPath() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.agw.gateway.http..",
            "io.agw.gateway.route..",
            "io.agw.gateway.server..",
            "io.agw.gateway.policy..")
        .check(CLASSES);
  }
}
