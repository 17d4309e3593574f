package org.dpps.archive.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;

/** {@code POST /api/v1/admin/tokens}: archivists issue tokens; each issue is in the event log. */
@Path("/admin/tokens")
@RequestScoped
@RequiresRole(Role.ARCHIVIST)
public class TokenResource {
  private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,199}");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  @Inject TokenService tokens;
  @Inject AuthSettings settings;
  @Inject EventLog events;
  @Context SecurityContext security;

  /**
   * A token request of an archivist.
   *
   * @param subject who the token is for (a person or a pipeline)
   * @param groups roles ({@code depositor}, {@code archivist}, {@code scientist}) and groups (e.g.
   *     {@code ctao}) the token carries
   * @param lifetime ISO-8601 duration, e.g. {@code P30D} (default) or {@code PT12H}
   */
  public record TokenRequest(String subject, List<String> groups, String lifetime) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response issue(TokenRequest request) {
    if (request == null
        || request.subject() == null
        || !SUBJECT.matcher(request.subject()).matches()) {
      throw bad("subject is required: 1-200 letters, digits or . _ @ : -");
    }
    List<String> groups = request.groups() == null ? List.of() : request.groups();
    if (groups.isEmpty() || groups.size() > 50) {
      throw bad("groups must list 1 to 50 roles or groups");
    }
    for (String g : groups) {
      if (g == null || !GROUP.matcher(g).matches()) {
        throw bad("group '" + g + "' is not a valid name (letters, digits, . _ -; at most 100)");
      }
    }
    Duration lifetime;
    try {
      lifetime =
          request.lifetime() == null ? Duration.ofDays(30) : Duration.parse(request.lifetime());
    } catch (java.time.format.DateTimeParseException e) {
      throw bad("lifetime must be an ISO-8601 duration such as P30D or PT12H");
    }
    if (lifetime.isNegative()
        || lifetime.isZero()
        || lifetime.compareTo(settings.maxTokenLifetime()) > 0) {
      throw bad("lifetime must be positive and at most " + settings.maxTokenLifetime());
    }
    TokenService.Issued issued = tokens.issue(request.subject(), groups, lifetime);
    events.append(
        SecurityEvent.TOKEN_ISSUED,
        ArchiveEvent.Outcome.SUCCESS,
        null,
        null,
        AuthResource.caller(security).subject(),
        Map.of(
            "subject", issued.subject(),
            "groups", issued.groups(),
            "expiresAt", issued.expiresAt().toString()));
    return Response.status(201).entity(issued).build();
  }

  private static ArchiveException bad(String message) {
    return new ArchiveException(ErrorCode.TOKEN_REQUEST_INVALID, message);
  }
}
