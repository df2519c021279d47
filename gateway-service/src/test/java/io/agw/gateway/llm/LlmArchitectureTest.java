package io.agw.gateway.llm;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.exchange.UsageSink;
import io.agw.gateway.json.ClientJson;
import io.agw.gateway.llm.wire.openai.ResponseContent;
import io.agw.gateway.llm.wire.openai.ResponseItem;
import io.agw.gateway.llm.wire.openai.ResponseUsage;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;
import org.junit.jupiter.api.Test;

/**
 * The package map of the LLM feature (docs/architecture.md), enforced: no package cycles, the
 * request steps on top, providers below them knowing only the shared contracts and the request
 * vocabulary of {@code io.agw.gateway.exchange}, wire records at the bottom. How {@code llm} sits
 * among the gateway's other packages is {@code ArchitectureTest}'s.
 */
class LlmArchitectureTest {

  private static final JavaClasses LLM =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.agw.gateway.llm");

  /** The request steps and the registry that picks a provider's adapter. */
  private static final String[] REQUEST_STEPS = {
    "io.agw.gateway.llm.route..",
    "io.agw.gateway.llm.request..",
    "io.agw.gateway.llm.dispatch..",
    "io.agw.gateway.llm.response..",
    "io.agw.gateway.llm.telemetry..",
    "io.agw.gateway.llm.backend..",
    "io.agw.gateway.llm.call..",
    "io.agw.gateway.llm.registry..",
    "io.agw.gateway.llm.balance.."
  };

  @Test
  void noPackageCycles() {
    slices().matching("io.agw.gateway.llm.(**)").should().beFreeOfCycles().check(LLM);
  }

  @Test
  void providersNeverImportTheRequestSteps() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.llm.provider..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(REQUEST_STEPS)
        .because("a provider plugs in through its adapter and the contracts in llm.provider")
        .check(LLM);
  }

  @Test
  void eachRequestStepImportsOnlyTheStepsAfterIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("route")
        .definedBy("io.agw.gateway.llm.route..")
        .layer("request")
        .definedBy("io.agw.gateway.llm.request..")
        .layer("dispatch")
        .definedBy("io.agw.gateway.llm.dispatch..")
        .layer("response")
        .definedBy("io.agw.gateway.llm.response..")
        .layer("telemetry")
        .definedBy("io.agw.gateway.llm.telemetry..")
        .layer("backend")
        .definedBy("io.agw.gateway.llm.backend..")
        .whereLayer("route")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("request")
        .mayOnlyBeAccessedByLayers("route")
        .whereLayer("dispatch")
        .mayOnlyBeAccessedByLayers("route", "request")
        .whereLayer("response")
        .mayOnlyBeAccessedByLayers("route", "request", "dispatch")
        .whereLayer("telemetry")
        .mayOnlyBeAccessedByLayers("route", "request", "dispatch", "response")
        .whereLayer("backend")
        .mayOnlyBeAccessedByLayers("route", "request", "dispatch", "response", "telemetry")
        .check(LLM);
  }

  @Test
  void onlyTheWiringImportsTheWiring() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.agw.gateway.llm.route..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.agw.gateway.llm.route..")
        .check(LLM);
  }

  /**
   * Outside {@code llm}, a provider knows only the request vocabulary of {@code exchange} (client
   * API, dialect, token usage) and records usage through {@code UsageSink}; it never sees the call
   * record, the LLM facts the policies read, or anything else of the gateway.
   */
  @Test
  void providersImportNothingOfTheGatewayButLlmAndTheExchangeVocabulary() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.llm.provider..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.agw.gateway..")
                .and(resideOutsideOfPackage("io.agw.gateway.llm.."))
                .and(
                    not(
                        equivalentTo(ClientApi.class)
                            .or(equivalentTo(Dialect.class))
                            .or(equivalentTo(TokenUsage.class))
                            .or(equivalentTo(UsageSink.class)))))
        .check(LLM);
  }

  @Test
  void theSharedContractsKnowNoProvider() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.llm.provider")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.agw.gateway.llm.provider.*..")
        .check(LLM);
  }

  @Test
  void theVocabularyPackageDependsOnNothingOfTheFeature() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.llm")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.agw.gateway.llm.*..")
        .check(LLM);
  }

  @Test
  void wireRecordsImportNothingOfOursButWire() {
    classes()
        .that()
        .resideInAPackage("io.agw.gateway.llm.wire..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("io.agw..")
                .or(resideInAPackage("io.agw.gateway.llm.wire.."))
                // The read limits every JSON body from a client gets (depth, size, numbers).
                .or(equivalentTo(ClientJson.class)))
        .check(LLM);
  }

  @Test
  void mappersAreFreeOfSpringAndTheRequestSteps() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.llm.provider..")
        .and()
        .haveSimpleNameEndingWith("Mapper")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(REQUEST_STEPS)
        .check(LLM);
  }

  /** The records of a Responses answer: the response, its items and parts, usage, events. */
  private static final DescribedPredicate<JavaClass> RESPONSES_OUTPUT =
      assignableTo(ResponsesResponse.class)
          .or(assignableTo(ResponsesResponse.IncompleteDetails.class))
          .or(assignableTo(ResponseItem.class))
          .or(assignableTo(ResponseItem.SummaryText.class))
          .or(assignableTo(ResponseContent.class))
          .or(assignableTo(ResponseUsage.class))
          .or(assignableTo(ResponsesStreamEvent.class));

  @Test
  void onlyTheResponsesPackageBuildsResponsesOutput() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.llm.provider..")
        .and()
        .resideOutsideOfPackage("io.agw.gateway.llm.provider.openai.responses..")
        .should()
        .callConstructorWhere(target(owner(RESPONSES_OUTPUT)))
        .because(
            "every provider answers a Responses client through the builders of"
                + " provider.openai.responses, so the Responses output is built in one place")
        .check(LLM);
  }
}
