package org.dpps.archive.ingest.interfaces.rest;

import java.util.List;
import org.dpps.archive.ingest.domain.Deposit;
import org.dpps.archive.platform.error.Problem;

/** A deposit as the API shows it. */
public record DepositView(
    String id,
    String state,
    String source,
    String receivedAt,
    String updatedAt,
    long payloadBytes,
    int payloadFiles,
    int attempts,
    List<ProductView> products,
    List<Problem> problems,
    String self) {

  /** A product the deposit created, added a version to, or found unchanged. */
  public record ProductView(String productId, int version, String outcome, String href) {}

  static DepositView of(Deposit d) {
    return new DepositView(
        d.id(),
        d.state().name(),
        d.source().name(),
        d.receivedAt().toString(),
        d.updatedAt().toString(),
        d.payloadBytes(),
        d.payloadFiles(),
        d.attempts(),
        d.products().stream()
            .map(
                p ->
                    new ProductView(
                        p.productId(),
                        p.version(),
                        p.outcome().name(),
                        "/api/v1/products/" + p.productId()))
            .toList(),
        d.problems(),
        "/api/v1/deposits/" + d.id());
  }
}
