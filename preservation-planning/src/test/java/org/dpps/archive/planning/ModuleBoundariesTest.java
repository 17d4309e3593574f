package org.dpps.archive.planning;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "org.dpps.archive.planning",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

  @ArchTest
  static final ArchRule domainIsFreeOfWebPersistenceAndLibraries =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.planning.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..", "jakarta.persistence..", "org.hibernate..", "nom.tam..");

  @ArchTest
  static final ArchRule planningDependsNotOnTheWebAssembly =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.planning..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.web..");

  @ArchTest
  static final ArchRule platformInternalsStayInsideThePlatform =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.platform..internal..");
}
