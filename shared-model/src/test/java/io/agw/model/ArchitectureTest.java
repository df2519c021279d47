package io.agw.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of shared-model: no cycles, YAML records that are plain data, and a pure
 * mapping that never reads files or text itself.
 */
@AnalyzeClasses(packages = "io.agw.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule topLevelPackagesAreFreeOfCycles =
      slices().matching("io.agw.model.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule configPackagesAreFreeOfCycles =
      slices().matching("io.agw.model.config.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule yamlRecordsArePlainData =
      noClasses()
          .that()
          .resideInAPackage("io.agw.model.config.yaml..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.agw.model.config.mapping..",
              "io.agw.model.config.read..",
              "io.agw.model.resource..");

  @ArchTest
  static final ArchRule mappingDoesNotRead =
      noClasses()
          .that()
          .resideInAPackage("io.agw.model.config.mapping..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.agw.model.config.read..");

  @ArchTest
  static final ArchRule readingDoesNotMap =
      noClasses()
          .that()
          .resideInAPackage("io.agw.model.config.read..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.agw.model.config.mapping..", "io.agw.model.resource..");
}
