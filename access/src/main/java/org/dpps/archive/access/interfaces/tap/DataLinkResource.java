package org.dpps.archive.access.interfaces.tap;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpps.archive.access.application.tap.DataLinks;
import org.dpps.archive.access.infrastructure.votable.VotableErrorDocument;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.Public;

/**
 * DataLink 1.1 {@code {links}}: {@code GET /api/v1/datalink/links?ID=<publisher DID>} (also at
 * {@code /datalink/links}; the web module forwards). Anyone may ask: the links of an embargoed
 * product are listed with {@code link_auth=required}, and the caller's token, if any, decides
 * {@code link_authorized} as it decides downloads.
 */
@Public
@Path("/datalink")
@RequestScoped
public class DataLinkResource {
  private DataLinks dataLinks;

  protected DataLinkResource() {}

  @Inject
  public DataLinkResource(DataLinks dataLinks) {
    this.dataLinks = dataLinks;
  }

  /**
   * The links of every {@code ID} (repeatable, at most 100; parameter names in any case) as a
   * DataLink VOTable ({@code RESPONSEFORMAT} votable, the default, TABLEDATA). An ID that names no
   * product has a {@code NotFoundFault} row; no ID, too many or another format: a 400 error VOTable
   * ({@code UsageFault}).
   */
  @GET
  @Path("/links")
  public Response links(@Context UriInfo uri, @Context SecurityContext security) {
    Caller caller = security == null ? Caller.ANONYMOUS : Caller.of(security.getUserPrincipal());
    MultivaluedMap<String, String> parameters = uri.getQueryParameters();
    DataLinks.Answer answer;
    try {
      answer =
          dataLinks.prepare(all(parameters, "ID"), first(parameters, "RESPONSEFORMAT"), caller);
    } catch (DataLinks.UsageFault e) {
      return Response.status(400)
          .type(VotableErrorDocument.CONTENT_TYPE)
          .entity(VotableErrorDocument.of(e.describe()))
          .build();
    }
    StreamingOutput body = answer::write;
    return Response.ok(body, answer.contentType()).build();
  }

  private static List<String> all(MultivaluedMap<String, String> parameters, String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
      if (p.getKey().toUpperCase(Locale.ROOT).equals(name)) {
        values.addAll(p.getValue());
      }
    }
    return values;
  }

  private static String first(MultivaluedMap<String, String> parameters, String name) {
    List<String> values = all(parameters, name);
    return values.isEmpty() ? null : values.get(0);
  }
}
