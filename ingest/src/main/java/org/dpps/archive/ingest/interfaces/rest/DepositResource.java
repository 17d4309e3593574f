package org.dpps.archive.ingest.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import org.dpps.archive.ingest.application.DepositService;
import org.dpps.archive.ingest.domain.Deposit;
import org.dpps.archive.ingest.domain.DepositState;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;

/** {@code /api/v1/deposits}: submit a SIP, follow its state. */
@RequiresRole(Role.DEPOSITOR)
@Path("/deposits")
@RequestScoped
public class DepositResource {
  private static final int MAX_JSON_BYTES = 64 * 1024;
  private DepositService service;

  protected DepositResource() {}

  @Inject
  public DepositResource(DepositService service) {
    this.service = service;
  }

  /**
   * A serialized bag (zip, tar, tar.gz) as the body, or {@code {"stagedPath": "..."}} as JSON. The
   * body is read (and unpacked) before the answer: {@code 202} with the deposit's URL once it is
   * safely staged, or a problem.
   */
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response deposit(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
    Deposit deposit;
    if (contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_JSON)) {
      deposit = service.receive(new DepositService.ReceiveStaged(stagedPath(body)));
    } else {
      deposit = service.receive(new DepositService.ReceiveUpload(body, contentType));
    }
    return Response.accepted(DepositView.of(deposit))
        .location(URI.create("/api/v1/deposits/" + deposit.id()))
        .build();
  }

  /** Recent deposits, newest first: {@code ?state=REJECTED&limit=50}. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public java.util.List<DepositView> recent(
      @jakarta.ws.rs.QueryParam("state") String state,
      @jakarta.ws.rs.QueryParam("limit") @jakarta.ws.rs.DefaultValue("50") String limit) {
    java.util.Optional<DepositState> wanted;
    int count;
    try {
      wanted =
          state == null || state.isBlank()
              ? java.util.Optional.empty()
              : java.util.Optional.of(
                  DepositState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT)));
      count = Integer.parseInt(limit.trim());
    } catch (IllegalArgumentException e) {
      throw new ArchiveException(
          ErrorCode.BAD_REQUEST,
          "state must be one of RECEIVED, VALIDATING, STORING, ARCHIVED, REJECTED and limit a"
              + " number");
    }
    return service.recent(wanted, count).stream().map(DepositView::of).toList();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public DepositView get(@PathParam("id") String id) {
    return DepositView.of(service.find(id));
  }

  private static String stagedPath(InputStream body) {
    try {
      byte[] bytes = body.readNBytes(MAX_JSON_BYTES + 1);
      if (bytes.length > MAX_JSON_BYTES) {
        throw new ArchiveException(ErrorCode.BAD_REQUEST_BODY, "JSON body larger than 64 KiB");
      }
      try (JsonReader reader = Json.createReader(new java.io.ByteArrayInputStream(bytes))) {
        JsonObject object = reader.readObject();
        JsonValue value = object.get("stagedPath");
        if (!(value instanceof JsonString string)) {
          throw new ArchiveException(
              ErrorCode.BAD_REQUEST_BODY,
              "Expected {\"stagedPath\": \"<path under the staging root>\"}");
        }
        return string.getString();
      }
    } catch (java.io.IOException | jakarta.json.JsonException e) {
      throw new ArchiveException(
          ErrorCode.BAD_REQUEST_BODY, "The JSON body cannot be read: " + e.getMessage());
    }
  }
}
