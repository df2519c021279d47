package io.agw.gateway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the gateway (docs/architecture.md draws them): no cycles between the
 * top-level packages, and the layers {@code backend} &lt; {@code policy} &lt; features &lt; {@code
 * state} &lt; {@code server}, {@code config}, {@code admin}. The rules inside {@code llm} are
 * {@code LlmArchitectureTest}'s.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.agw.gateway");

  private static final String LLM = "io.agw.gateway.llm..";

  /**
   * No cycles among the top-level packages other than {@code llm}. The LLM runtime still shares
   * types both ways with {@code cel}, {@code ratelimit} and {@code telemetry} (token usage, the LLM
   * call record); {@link #noCyclesButThroughTheSharedLlmFacts()} checks every other edge through
   * {@code llm}.
   */
  @Test
  void noCyclesBetweenTopLevelPackagesOutsideLlm() {
    slices()
        .matching("io.agw.gateway.(*)..")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(resideInAPackage(LLM), DescribedPredicate.alwaysTrue())
        .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(LLM))
        .check(CLASSES);
  }

  /**
   * The whole module, {@code llm} included, except for the few types the LLM runtime and the
   * policies share both ways: the token usage, LLM facts and call record that CEL, rate limits, the
   * access log and spans read, and the client error format the policies answer in. Any other cycle
   * through {@code llm} fails. Moving those types below both sides (issue 20) removes the
   * exceptions.
   */
  @Test
  void noCyclesButThroughTheSharedLlmFacts() {
    slices()
        .matching("io.agw.gateway.(*)..")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(DescribedPredicate.alwaysTrue(), SHARED_LLM_FACTS)
        .check(CLASSES);
  }

  private static final DescribedPredicate<JavaClass> SHARED_LLM_FACTS =
      DescribedPredicate.describe(
          "the LLM facts shared with the policies",
          c ->
              Set.of(
                      "io.agw.gateway.exchange.TokenUsage",
                      "io.agw.gateway.exchange.ClientApi",
                      "io.agw.gateway.exchange.LlmCall",
                      "io.agw.gateway.exchange.LlmFacts",
                      "io.agw.gateway.errorformat.ClientErrorFormat",
                      "io.agw.gateway.errorformat.PolicyErrors")
                  .contains(c.getName().replaceFirst("\\$.*", "")));

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
