package org.dpps.archive.access.interfaces.tap;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dpps.archive.access.application.tap.TapJobService;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapJob;
import org.dpps.archive.access.domain.tap.TapPhase;
import org.dpps.archive.access.infrastructure.votable.UwsDocuments;
import org.dpps.archive.access.infrastructure.votable.VotableErrorDocument;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.Public;

/**
 * Asynchronous TAP queries as UWS 1.1 jobs at {@code /tap/async} (also {@code /api/v1/tap/async}):
 * the job list, a job, its phase, execution duration, destruction, quote, owner, error, parameters
 * and results. Changes answer 303 to the job (or the list, after a delete).
 */
@Public
@Path("/tap/async")
@RequestScoped
public class TapAsyncResource {
  private TapJobService service;

  protected TapAsyncResource() {}

  @Inject
  public TapAsyncResource(TapJobService service) {
    this.service = service;
  }

  /** The caller's jobs (filters PHASE, repeatable; AFTER; LAST). */
  @GET
  public Response list(@Context UriInfo uri, @Context SecurityContext security) {
    Map<String, List<String>> q = caseInsensitive(uri.getQueryParameters());
    try {
      List<TapPhase> phases = new ArrayList<>();
      for (String p : q.getOrDefault("PHASE", List.of())) {
        phases.add(TapPhase.valueOf(p.strip().toUpperCase(Locale.ROOT)));
      }
      Instant after =
          first(q, "AFTER").map(a -> Instant.parse(a.endsWith("Z") ? a : a + "Z")).orElse(null);
      Integer last = first(q, "LAST").map(Integer::valueOf).orElse(null);
      List<TapJob> jobs = service.list(owner(security), phases, after, last);
      return xml(UwsDocuments.jobs(jobs, root(uri) + "/tap/async"));
    } catch (RuntimeException e) {
      return error(
          e instanceof TapException t
              ? t
              : new TapException(
                  TapError.BAD_PARAMETER, "bad PHASE, AFTER or LAST: " + e.getMessage()));
    }
  }

  /** Creates a job from a form (PHASE=RUN starts it); answers 303 to the job. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      @Context UriInfo uri,
      @Context SecurityContext security,
      MultivaluedMap<String, String> form) {
    Map<String, String> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    form.forEach((k, v) -> parameters.putIfAbsent(k, v.isEmpty() ? "" : v.get(0)));
    uri.getQueryParameters()
        .forEach((k, v) -> parameters.putIfAbsent(k, v.isEmpty() ? "" : v.get(0)));
    try {
      TapJob job = service.create(owner(security), parameters);
      return seeOther(root(uri) + "/tap/async/" + job.id());
    } catch (TapException e) {
      return error(e);
    }
  }

  /** The job document. */
  @GET
  @Path("/{id}")
  public Response job(@Context UriInfo uri, @PathParam("id") String id) {
    return answer(
        () -> {
          TapJob job = service.job(id);
          String url = root(uri) + "/tap/async/" + id;
          return xml(UwsDocuments.job(job, url, job.phase() == TapPhase.COMPLETED));
        });
  }

  /** {@code ACTION=DELETE} deletes the job (a form, for clients without DELETE). */
  @POST
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response jobAction(
      @Context UriInfo uri, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    String action = first(caseInsensitive(form), "ACTION").orElse("");
    if (!action.equalsIgnoreCase("DELETE")) {
      return error(new TapException(TapError.BAD_PARAMETER, "ACTION=" + action + ": use DELETE"));
    }
    return delete(uri, id);
  }

  /** Deletes the job (aborting it if it runs) and its result; 303 to the job list. */
  @DELETE
  @Path("/{id}")
  public Response delete(@Context UriInfo uri, @PathParam("id") String id) {
    return answer(
        () -> {
          service.delete(id);
          return seeOther(root(uri) + "/tap/async");
        });
  }

  @GET
  @Path("/{id}/phase")
  public Response phase(@PathParam("id") String id) {
    return answer(() -> text(service.job(id).phase().name()));
  }

  /** {@code PHASE=RUN} or {@code PHASE=ABORT}; 303 to the job. */
  @POST
  @Path("/{id}/phase")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response setPhase(
      @Context UriInfo uri, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    return change(uri, id, form, "PHASE", service::phase);
  }

  @GET
  @Path("/{id}/executionduration")
  public Response executionDuration(@PathParam("id") String id) {
    return answer(() -> text(Long.toString(service.job(id).executionDuration())));
  }

  @POST
  @Path("/{id}/executionduration")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response setExecutionDuration(
      @Context UriInfo uri, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    return change(uri, id, form, "EXECUTIONDURATION", service::executionDuration);
  }

  @GET
  @Path("/{id}/destruction")
  public Response destruction(@PathParam("id") String id) {
    return answer(() -> text(UwsDocuments.time(service.job(id).destruction())));
  }

  @POST
  @Path("/{id}/destruction")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response setDestruction(
      @Context UriInfo uri, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    return change(uri, id, form, "DESTRUCTION", service::destruction);
  }

  /** UWS quote: unknown (empty), as the service makes no estimate. */
  @GET
  @Path("/{id}/quote")
  public Response quote(@PathParam("id") String id) {
    return answer(
        () -> {
          service.job(id);
          return text("");
        });
  }

  @GET
  @Path("/{id}/owner")
  public Response owner(@PathParam("id") String id) {
    return answer(
        () -> {
          String owner = service.job(id).owner();
          return text(owner == null ? "" : owner);
        });
  }

  /** The job's error as a VOTable error document (404 TAP-012 when it has none). */
  @GET
  @Path("/{id}/error")
  public Response jobError(@PathParam("id") String id) {
    return answer(
        () -> {
          TapJob job = service.job(id);
          if (job.error() == null) {
            throw new TapException(TapError.UNKNOWN_JOB, "job " + id + " has no error");
          }
          return Response.ok(
                  VotableErrorDocument.of(job.error()), VotableErrorDocument.CONTENT_TYPE)
              .build();
        });
  }

  @GET
  @Path("/{id}/parameters")
  public Response parameters(@PathParam("id") String id) {
    return answer(() -> xml(UwsDocuments.parameters(service.job(id))));
  }

  /** Adds parameters to a PENDING job; 303 to the job. */
  @POST
  @Path("/{id}/parameters")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response setParameters(
      @Context UriInfo uri, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    return answer(
        () -> {
          Map<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          form.forEach((k, v) -> more.putIfAbsent(k, v.isEmpty() ? "" : v.get(0)));
          service.parameters(id, more);
          return seeOther(root(uri) + "/tap/async/" + id);
        });
  }

  @GET
  @Path("/{id}/results")
  public Response results(@Context UriInfo uri, @PathParam("id") String id) {
    return answer(
        () -> {
          TapJob job = service.job(id);
          String url = root(uri) + "/tap/async/" + id;
          return xml(UwsDocuments.results(job, url, job.phase() == TapPhase.COMPLETED));
        });
  }

  /** The result of a COMPLETED job, as its RESPONSEFORMAT asked. */
  @GET
  @Path("/{id}/results/result")
  public Response result(@PathParam("id") String id) {
    return answer(
        () -> {
          TapJob job = service.job(id);
          Optional<InputStream> in;
          try {
            in = service.result(id);
          } catch (IOException e) {
            throw new TapException(TapError.EXECUTION_FAILED, "the result cannot be read");
          }
          if (in.isEmpty()) {
            throw new TapException(
                TapError.UNKNOWN_JOB, "job " + id + " has no result (phase " + job.phase() + ")");
          }
          StreamingOutput body =
              out -> {
                try (InputStream stream = in.get()) {
                  stream.transferTo(out);
                }
              };
          return Response.ok(body, job.resultFormat()).build();
        });
  }

  /** A UWS change of one parameter of a job, answered with 303 to the job. */
  private static Response change(
      UriInfo uri,
      String id,
      MultivaluedMap<String, String> form,
      String parameter,
      java.util.function.BiFunction<String, String, TapJob> set) {
    return answer(
        () -> {
          set.apply(id, first(caseInsensitive(form), parameter).orElse(""));
          return seeOther(root(uri) + "/tap/async/" + id);
        });
  }

  private interface Answer {
    Response get();
  }

  private static Response answer(Answer answer) {
    try {
      return answer.get();
    } catch (TapException e) {
      return error(e);
    }
  }

  private static String owner(SecurityContext security) {
    Caller caller = Caller.of(security.getUserPrincipal());
    return caller.anonymous() ? null : caller.subject();
  }

  private static Map<String, List<String>> caseInsensitive(MultivaluedMap<String, String> map) {
    Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    map.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    return all;
  }

  private static Optional<String> first(Map<String, List<String>> map, String name) {
    List<String> values = map.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static Response seeOther(String location) {
    return Response.seeOther(URI.create(location)).build();
  }

  private static Response text(String value) {
    return Response.ok(value, MediaType.TEXT_PLAIN).build();
  }

  private static Response xml(byte[] document) {
    return Response.ok(document, UwsDocuments.CONTENT_TYPE).build();
  }

  private static Response error(TapException e) {
    return Response.status(e.error().httpStatus())
        .type(VotableErrorDocument.CONTENT_TYPE)
        .entity(VotableErrorDocument.of(e))
        .build();
  }

  private static String root(UriInfo uri) {
    URI base = uri.getBaseUri();
    return base.getScheme() + "://" + base.getRawAuthority();
  }
}
