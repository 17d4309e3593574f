package org.dpps.archive.access;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.dpps.archive.platform.rules.ArchiveRules;

@AnalyzeClasses(
    packages = "org.dpps.archive.access",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {
  /** The rules of every module: threads, platform internals, domain inward, adapters private. */
  @ArchTest static final ArchTests archive = ArchTests.in(ArchiveRules.class);

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
              "org.apache.lucene..",
              "nom.tam..",
              "org.antlr..",
              "uk.ac.starlink..",
              "javax.xml.stream..");

  /** Use cases reach storage, search, graphs and files only through the ports of the domain. */
  @ArchTest
  static final ArchRule applicationDependsOnPortsNotAdapters =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.access.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.dpps.archive.access.infrastructure..",
              "jakarta.persistence..",
              "org.hibernate..");

  @ArchTest
  static final ArchRule accessDoesNotDependOnIngest =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.access..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.ingest..");
}
