package org.dpps.archive.access.infrastructure.adql;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The ADQL syntax tree stays free of ANTLR and of the infrastructure that builds it. */
class AdqlBoundariesTest {
  private static final JavaClasses ACCESS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.dpps.archive.access");

  @Test
  void syntaxTreeIsFreeOfAntlrAndInfrastructure() {
    noClasses()
        .that()
        .resideInAPackage("org.dpps.archive.access.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.antlr..", "org.dpps.archive.access.infrastructure..")
        .check(ACCESS);
  }

  @Test
  void onlyTheAdqlAdapterUsesAntlr() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.dpps.archive.access.infrastructure.adql..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.antlr..")
        .check(ACCESS);
  }
}
