package org.dpps.archive.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.dpps.archive.platform.rules.ArchiveRules;

@AnalyzeClasses(
    packages = "org.dpps.archive.storage",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {
  /** The rules of every module: threads, platform internals, domain inward, adapters private. */
  @ArchTest static final ArchTests archive = ArchTests.in(ArchiveRules.class);

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
}
