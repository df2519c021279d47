package io.agw.control;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of the control service: no cycles, and the layers {@code crd} (the custom
 * resources) &lt; {@code translate} (CRDs to {@code Resource}s) &lt; {@code deploy} &lt; {@code
 * reconcile}, with {@code xds} (serving resources) knowing none of the Kubernetes side.
 */
@AnalyzeClasses(packages = "io.agw.control", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.agw.control.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule crdsDependOnNoOtherPackage =
      noClasses()
          .that()
          .resideInAPackage("io.agw.control.crd..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.agw.control.translate..",
              "io.agw.control.deploy..",
              "io.agw.control.reconcile..",
              "io.agw.control.xds..");

  @ArchTest
  static final ArchRule translationKnowsOnlyTheCrds =
      noClasses()
          .that()
          .resideInAPackage("io.agw.control.translate..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.agw.control.deploy..", "io.agw.control.reconcile..", "io.agw.control.xds..");

  @ArchTest
  static final ArchRule xdsKnowsNoKubernetesSide =
      noClasses()
          .that()
          .resideInAPackage("io.agw.control.xds..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.agw.control.crd..",
              "io.agw.control.translate..",
              "io.agw.control.deploy..",
              "io.agw.control.reconcile..");
}
