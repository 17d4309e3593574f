package org.dpps.archive.planning;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.dpps.archive.platform.rules.ArchiveRules;

@AnalyzeClasses(
    packages = "org.dpps.archive.planning",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {
  /** The rules of every module: threads, platform internals, domain inward, adapters private. */
  @ArchTest static final ArchTests archive = ArchTests.in(ArchiveRules.class);

  @ArchTest
  static final ArchRule domainIsFreeOfWebPersistenceAndLibraries =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.planning.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..", "jakarta.persistence..", "org.hibernate..", "nom.tam..");

  /** Application services reach storage and FITS libraries only through ports in the domain. */
  @ArchTest
  static final ArchRule applicationDependsOnPortsNotOnAdapters =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.planning.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.dpps.archive.planning.infrastructure..",
              "jakarta.persistence..",
              "org.hibernate..",
              "nom.tam..");

  @ArchTest
  static final ArchRule planningDependsNotOnTheWebAssembly =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.planning..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.web..");
}
