package org.dpps.archive.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "org.dpps.archive.storage",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

  @ArchTest
  static final ArchRule domainIsFreeOfWebPersistenceAndLibraries =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.storage.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..",
              "jakarta.persistence..",
              "org.hibernate..",
              "io.ocfl..",
              "org.bouncycastle..",
              "org.apache.jena..");

  @ArchTest
  static final ArchRule storageDependsOnNoOtherModule =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.storage..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.dpps.archive.ingest..",
              "org.dpps.archive.access..",
              "org.dpps.archive.planning..",
              "org.dpps.archive.web..");

  @ArchTest
  static final ArchRule platformInternalsStayInsideThePlatform =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.platform..internal..");
}
