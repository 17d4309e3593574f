package org.dpps.archive.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.dpps.archive.platform.rules.ArchiveRules;

@AnalyzeClasses(
    packages = "org.dpps.archive.platform",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {
  /** The rules of every module: threads, platform internals, domain inward, adapters private. */
  @ArchTest static final ArchTests archive = ArchTests.in(ArchiveRules.class);

  /** The platform is the bottom of the module graph: it knows no other module. */
  @ArchTest
  static final ArchRule platformDependsOnNoModule =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.platform..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.dpps.archive.schemas..",
              "org.dpps.archive.storage..",
              "org.dpps.archive.ingest..",
              "org.dpps.archive.access..",
              "org.dpps.archive.planning..",
              "org.dpps.archive.web..");

  /** Outside its internal packages, the platform's API does not hand out JPA entities. */
  @ArchTest
  static final ArchRule jobsApiHidesTheJobTable =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.platform.jobs..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.platform.internal.jpa..");
}
