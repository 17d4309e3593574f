package org.dpps.archive.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.dpps.archive.ingest.domain.DepositedProduct.Outcome;
import org.dpps.archive.platform.error.Problem;
import org.junit.jupiter.api.Test;

class DepositTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Problem BAD_SUM =
      new Problem("INGEST-009", "A manifest checksum does not match", "sha512 differs", "data/a");
  static final List<DepositedProduct> PRODUCTS =
      List.of(new DepositedProduct("crab-0001", 1, Outcome.CREATED));

  @Test
  void aReceivedDepositIsNotYetUploadedOrValidated() {
    Deposit d = received();

    assertThat(d.state()).isEqualTo(DepositState.RECEIVED);
    assertThat(d.uploadComplete()).isFalse();
    assertThat(d.attempts()).isZero();
    assertThat(d.receivedAt()).isEqualTo(T0);
    assertThat(d.updatedAt()).isEqualTo(T0);
    assertThat(d.mediaType()).contains("application/zip");
    assertThat(d.stagedPath()).isEmpty();
    assertThatThrownBy(() -> d.startValidation(T0.plusSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no complete upload");
  }

  @Test
  void theHappyPathEndsArchivedWithItsProducts() {
    Deposit d = received();

    d.uploadCompleted(2880, 3, at(1));
    assertThat(d.uploadComplete()).isTrue();
    assertThat(d.payloadBytes()).isEqualTo(2880);
    assertThat(d.payloadFiles()).isEqualTo(3);
    d.startValidation(at(2));
    assertThat(d.state()).isEqualTo(DepositState.VALIDATING);
    d.startStoring(at(3));
    assertThat(d.state()).isEqualTo(DepositState.STORING);
    d.archived(PRODUCTS, at(4));

    assertThat(d.state()).isEqualTo(DepositState.ARCHIVED);
    assertThat(d.products()).isEqualTo(PRODUCTS);
    assertThat(d.problems()).isEmpty();
    assertThat(d.attempts()).isEqualTo(1);
    assertThat(d.updatedAt()).isEqualTo(at(4));
  }

  @Test
  void transitionsOutOfOrderAreRefused() {
    Deposit d = received();
    assertThatThrownBy(() -> d.startStoring(at(1))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> d.archived(PRODUCTS, at(1))).isInstanceOf(IllegalStateException.class);
    d.uploadCompleted(1, 1, at(1));
    d.startValidation(at(2));
    assertThatThrownBy(() -> d.uploadCompleted(5, 5, at(3)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(d.payloadBytes()).isEqualTo(1);
    assertThatThrownBy(() -> d.archived(PRODUCTS, at(3))).isInstanceOf(IllegalStateException.class);
    assertThat(d.state()).isEqualTo(DepositState.VALIDATING);
  }

  @Test
  void canBeRejectedFromEveryNonFinalState() {
    Deposit fromReceived = received();
    Deposit fromValidating = validating();
    Deposit fromStoring = validating();
    fromStoring.startStoring(at(3));

    for (Deposit d : List.of(fromReceived, fromValidating, fromStoring)) {
      d.reject(List.of(BAD_SUM), at(9));
      assertThat(d.state()).isEqualTo(DepositState.REJECTED);
      assertThat(d.problems()).containsExactly(BAD_SUM);
      assertThat(d.updatedAt()).isEqualTo(at(9));
    }
  }

  @Test
  void aRejectionNeedsAProblem() {
    Deposit d = validating();

    assertThatThrownBy(() -> d.reject(List.of(), at(3)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(d.state()).isEqualTo(DepositState.VALIDATING);
  }

  @Test
  void finalDepositsDoNotChange() {
    Deposit archived = validating();
    archived.startStoring(at(3));
    archived.archived(PRODUCTS, at(4));
    Deposit rejected = validating();
    rejected.reject(List.of(BAD_SUM), at(4));

    for (Deposit d : List.of(archived, rejected)) {
      DepositState state = d.state();
      assertThatThrownBy(() -> d.startValidation(at(5))).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> d.startStoring(at(5))).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> d.archived(PRODUCTS, at(5)))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> d.reject(List.of(BAD_SUM), at(5)))
          .isInstanceOf(IllegalStateException.class);
      assertThat(d.state()).isEqualTo(state);
      assertThat(d.updatedAt()).isEqualTo(at(4));
      assertThat(d.attempts()).isEqualTo(1);
    }
  }

  @Test
  void validationRestartsFromValidatingOrStoringAndCountsAttempts() {
    Deposit d = validating();
    d.startValidation(at(3));
    assertThat(d.attempts()).isEqualTo(2);
    d.startStoring(at(4));
    d.startValidation(at(5));

    assertThat(d.state()).isEqualTo(DepositState.VALIDATING);
    assertThat(d.attempts()).isEqualTo(3);
    assertThat(d.updatedAt()).isEqualTo(at(5));
  }

  @Test
  void restoreRebuildsWithoutCheckingTransitions() {
    Deposit d =
        Deposit.restore()
            .id("d-7")
            .source(DepositSource.STAGED)
            .stagedPath("inbox/bag")
            .receivedAt(T0)
            .state(DepositState.STORING)
            .uploadComplete(true)
            .attempts(2)
            .build();

    assertThat(d.updatedAt()).isEqualTo(T0);
    d.archived(PRODUCTS, at(1));
    assertThat(d.state()).isEqualTo(DepositState.ARCHIVED);
    assertThat(d.stagedPath()).contains("inbox/bag");
    assertThat(d.attempts()).isEqualTo(2);
  }

  private static Deposit received() {
    return Deposit.receive("d-1", DepositSource.UPLOAD, "application/zip", null, T0);
  }

  private static Deposit validating() {
    Deposit d = received();
    d.uploadCompleted(10, 1, at(1));
    d.startValidation(at(2));
    return d;
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }
}
