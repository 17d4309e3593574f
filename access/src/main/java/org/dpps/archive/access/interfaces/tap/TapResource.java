package org.dpps.archive.access.interfaces.tap;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dpps.archive.access.application.tap.TapQueries;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapRequest;
import org.dpps.archive.access.infrastructure.votable.VosiDocuments;
import org.dpps.archive.access.infrastructure.votable.VotableErrorDocument;
import org.dpps.archive.platform.security.Public;

/**
 * The TAP service. Served under {@code /api/v1/tap} and, as clients expect it, at {@code /tap} (the
 * web module forwards). Anyone may query: ObsCore lists embargoed products too (with their release
 * date), and their data still need a token.
 */
@Public
@Path("/tap")
@RequestScoped
public class TapResource {
  private TapQueries queries;

  protected TapResource() {}

  @Inject
  public TapResource(TapQueries queries) {
    this.queries = queries;
  }

  /** A synchronous query with the parameters in the query string. */
  @GET
  @Path("/sync")
  public Response syncGet(@Context UriInfo uri) {
    return sync(uri.getQueryParameters());
  }

  /** A synchronous query with the parameters in a form (and any in the query string). */
  @POST
  @Path("/sync")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response syncPost(@Context UriInfo uri, MultivaluedMap<String, String> form) {
    MultivaluedMap<String, String> all = new MultivaluedHashMap<>(form);
    uri.getQueryParameters().forEach(all::putIfAbsent);
    return sync(all);
  }

  /** VOSI capabilities: TAP 1.1, ADQL 2.1 and its features, formats, limits, DataLink. */
  @GET
  @Path("/capabilities")
  @Produces("application/xml")
  public Response capabilities(@Context UriInfo uri) {
    return xml(VosiDocuments.capabilities(serviceRoot(uri), queries.limits()));
  }

  /** VOSI availability. */
  @GET
  @Path("/availability")
  @Produces("application/xml")
  public Response availability() {
    return xml(VosiDocuments.availability(true, "the archive is accepting queries"));
  }

  /** VOSI tables 1.1: every published schema, table and column. */
  @GET
  @Path("/tables")
  @Produces("application/xml")
  public Response tables() {
    return xml(VosiDocuments.tables(queries.schema()));
  }

  /** VOSI tables 1.1 for one table, with its columns. */
  @GET
  @Path("/tables/{name}")
  @Produces("application/xml")
  public Response table(@PathParam("name") String name) {
    if (queries.schema().table(name).isEmpty()) {
      return error(new TapException(TapError.UNKNOWN_TABLE, "no published table " + name));
    }
    return xml(VosiDocuments.tables(queries.schema(), name));
  }

  private Response sync(MultivaluedMap<String, String> parameters) {
    Map<String, String> first = new LinkedHashMap<>();
    parameters.forEach((k, v) -> first.put(k, v.isEmpty() ? "" : v.get(0)));
    TapQueries.Prepared prepared;
    try {
      prepared = queries.prepare(new TapRequest(first));
    } catch (TapException e) {
      return error(e);
    }
    StreamingOutput body = prepared::run;
    return Response.ok(body, prepared.format().contentType()).build();
  }

  private static Response error(TapException e) {
    return Response.status(e.error().httpStatus())
        .type(VotableErrorDocument.CONTENT_TYPE)
        .entity(VotableErrorDocument.of(e))
        .build();
  }

  private static Response xml(byte[] document) {
    return Response.ok(document, "application/xml").build();
  }

  /** Where the archive is as this client reached it: {@code <scheme>://<host>:<port>}. */
  private static String serviceRoot(UriInfo uri) {
    URI base = uri.getBaseUri();
    return base.getScheme() + "://" + base.getRawAuthority();
  }
}
