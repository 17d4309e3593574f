package org.dpps.archive.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.dpps.archive.other.infrastructure.OtherStore;
import org.dpps.archive.sample.application.StartsThreads;
import org.dpps.archive.sample.application.UsesOwnAndOtherAdapters;
import org.dpps.archive.sample.domain.LeakyPort;
import org.dpps.archive.sample.infrastructure.OwnStore;
import org.dpps.archive.sample.interfaces.rest.LeakyResource;
import org.junit.jupiter.api.Test;

/** The shared rules catch what they are meant to, on fixture classes that break them. */
class ArchiveRulesTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .importClasses(
              StartsThreads.class,
              UsesOwnAndOtherAdapters.class,
              OwnStore.class,
              OtherStore.class,
              org.dpps.archive.other.application.OtherService.class,
              org.dpps.archive.other.api.OtherApi.class,
              LeakyPort.class,
              LeakyResource.class,
              LeakyResource.Answer.class,
              LeakyResource.Wrapper.class);

  @Test
  void threadsPoolsParallelStreamsAndTheCommonPoolAreCaughtButAGivenExecutorIsNot() {
    List<String> violations =
        violations(ArchiveRules.noClassOutsideThePlatformStartsThreads.evaluate(classes));

    assertThat(violations).hasSize(5);
    assertThat(violations)
        .anyMatch(v -> v.contains("Thread.<init>") && v.contains("thread("))
        .anyMatch(v -> v.contains("Thread.start()"))
        .anyMatch(v -> v.contains("Executors.newFixedThreadPool"))
        .anyMatch(v -> v.contains("parallelStream"))
        .anyMatch(v -> v.contains("CompletableFuture.runAsync(java.lang.Runnable)"));
    assertThat(violations).noneMatch(v -> v.contains("onHelpers"));
  }

  @Test
  void aDomainTypeThatKnowsTheApplicationLayerIsCaught() {
    List<String> violations =
        violations(ArchiveRules.domainDependsOnNoOuterLayer.evaluate(classes));

    assertThat(violations).isNotEmpty().allMatch(v -> v.contains("LeakyPort"));
  }

  @Test
  void anotherModulesAdapterOrUseCaseIsCaughtButTheModulesOwnAndItsApiAreNot() {
    List<String> violations =
        violations(ArchiveRules.noModuleUsesAnotherModulesInternals.evaluate(classes));

    assertThat(violations).isNotEmpty();
    assertThat(violations).anyMatch(v -> v.contains("OtherStore"));
    assertThat(violations).anyMatch(v -> v.contains("OtherService"));
    assertThat(violations).noneMatch(v -> v.contains("OwnStore") || v.contains("OtherApi"));
  }

  @Test
  void applicationCodeUsingAnAdapterIsCaught() {
    List<String> violations =
        violations(ArchiveRules.applicationNeverDependsOnInfrastructure.evaluate(classes));

    assertThat(violations).anyMatch(v -> v.contains("OwnStore"));
    assertThat(violations).anyMatch(v -> v.contains("OtherStore"));
    assertThat(violations).noneMatch(v -> v.contains("OtherApi"));
  }

  @Test
  void aResourceReturningOrARecordHoldingADomainTypeIsCaughtButItsOwnRecordsAreNot() {
    List<String> violations =
        violations(ArchiveRules.restAnswersWithItsOwnRecords.evaluate(classes));

    assertThat(violations).hasSize(3); // the record's field and its accessor are both reported
    assertThat(violations)
        .anyMatch(
            v ->
                v.contains("LeakyResource.leaks()")
                    && v.contains("returns " + LeakyPort.class.getName()))
        .anyMatch(
            v -> v.contains("Wrapper.port") && v.contains("holds " + LeakyPort.class.getName()));
    assertThat(violations).noneMatch(v -> v.contains("internal()") || v.contains("Answer"));
  }

  @Test
  void theModuleOfAPackageIsItsFourthName() {
    assertThat(ArchiveRules.module("org.dpps.archive.storage.domain")).contains("storage");
    assertThat(ArchiveRules.module("org.dpps.archive.web")).contains("web");
    assertThat(ArchiveRules.module("java.util")).isEmpty();
  }

  private static List<String> violations(EvaluationResult result) {
    return result.getFailureReport().getDetails();
  }
}
