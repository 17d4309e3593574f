package org.dpps.archive.access;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "org.dpps.archive.access",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

  @ArchTest
  static final ArchRule domainIsFreeOfWebPersistenceAndLibraries =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.access.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..",
              "jakarta.persistence..",
              "org.hibernate..",
              "org.apache.jena..",
              "org.apache.lucene..");

  @ArchTest
  static final ArchRule accessDoesNotDependOnIngest =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.access..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.ingest..");

  @ArchTest
  static final ArchRule platformInternalsStayInsideThePlatform =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.platform..internal..");
}
