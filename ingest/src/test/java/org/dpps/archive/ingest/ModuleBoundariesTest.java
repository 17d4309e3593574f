package org.dpps.archive.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.dpps.archive.platform.rules.ArchiveRules;

@AnalyzeClasses(
    packages = "org.dpps.archive.ingest",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {
  /** The rules of every module: threads, platform internals, domain inward, adapters private. */
  @ArchTest static final ArchTests archive = ArchTests.in(ArchiveRules.class);

  @ArchTest
  static final ArchRule domainIsFreeOfWebPersistenceAndLibraries =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.ingest.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..",
              "jakarta.persistence..",
              "org.hibernate..",
              "org.apache.tika..",
              "gov.loc..",
              "org.apache.commons.compress..",
              "org.apache.jena..");

  @ArchTest
  static final ArchRule ingestDependsOnNeitherAccessNorPlanningNorWeb =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.ingest..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.dpps.archive.access..", "org.dpps.archive.planning..", "org.dpps.archive.web..");

  @ArchTest
  static final ArchRule restInterfacesAreUsedByNoInnerLayer =
      noClasses()
          .that()
          .resideInAnyPackage(
              "org.dpps.archive.ingest.application..", "org.dpps.archive.ingest.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.ingest.interfaces.rest..");
}
