package io.agw.gateway.llm;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package map of the LLM feature (docs/architecture.md), enforced: no package cycles, the
 * request steps on top, providers below them knowing only the shared contracts, wire records at the
 * bottom.
 */
class LlmArchitectureTest {

  private static final JavaClasses LLM =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.agw.gateway.llm");

  /** The request steps and the registry that picks a provider's adapter. */
  private static final String[] REQUEST_STEPS = {
    "io.agw.gateway.llm.exchange..", "io.agw.gateway.llm.registry..", "io.agw.gateway.llm.balance.."
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
  void providersImportNothingOfTheGatewayOutsideLlm() {
    noClasses()
        .that()
        .resideInAPackage("io.agw.gateway.llm.provider..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.agw.gateway..")
                .and(resideOutsideOfPackage("io.agw.gateway.llm..")))
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
            resideOutsideOfPackage("io.agw..").or(resideInAPackage("io.agw.gateway.llm.wire..")))
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
        .resideInAnyPackage("org.springframework..", "io.agw.gateway.llm.exchange..")
        .check(LLM);
  }
}
