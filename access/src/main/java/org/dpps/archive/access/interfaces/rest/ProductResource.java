package org.dpps.archive.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.dpps.archive.access.application.Retrieval;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.Public;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipVersion;

/** {@code /api/v1/products/{id}}: description, files (with Range), the AIP, provenance. */
@Public
@Path("/products/{id}")
@RequestScoped
public class ProductResource {
  private static final int COPY_BUFFER = 1 << 20;
  private Retrieval retrieval;

  protected ProductResource() {}

  @Inject
  public ProductResource(Retrieval retrieval) {
    this.retrieval = retrieval;
  }

  /** {@code GET /api/v1/products/{id}}: a file of the product as the API lists it. */
  public record FileView(
      String path,
      long size,
      String mediaType,
      String formatName,
      String pronom,
      String sha512,
      String sha256,
      String adler32,
      String href) {}

  /** {@code GET /api/v1/products/{id}}: the product page's data. */
  public record ProductView(
      String productId,
      int version,
      int headVersion,
      ProductMetadataView metadata,
      List<FileView> files,
      List<VersionView> versions,
      List<EventView> events,
      String aip,
      String provenance,
      String integrity,
      AccessView access) {}

  /** {@code GET /api/v1/products/{id}}: a stored version as the product page shows it. */
  public record VersionView(int version, String created, String message) {

    /** The answer for a version summary. */
    public static VersionView of(Retrieval.VersionSummary v) {
      return new VersionView(v.version(), v.created(), v.message());
    }
  }

  /**
   * {@code GET /api/v1/products/{id}}: a PREMIS event, from the AIP ({@code source} "aip") or the
   * event log ({@code source} "event-log", with the replica).
   */
  public record EventView(
      String type, String time, String outcome, String note, String source, String replica) {

    /** The answer for a PREMIS event. */
    public static EventView of(Retrieval.Event e) {
      return new EventView(e.type(), e.time(), e.outcome(), e.note(), e.source(), e.replica());
    }
  }

  /**
   * {@code GET /api/v1/products/{id}}: the product's embargo as it applies to the caller now.
   *
   * @param embargoedUntil the release date while it is in the future, else null
   * @param accessGroup the group that may download it during the embargo
   * @param downloadable whether this caller may download its files and AIP now
   */
  public record AccessView(String embargoedUntil, String accessGroup, boolean downloadable) {

    /** The answer for a product's embargo. */
    public static AccessView of(Retrieval.Access a) {
      return a == null
          ? null
          : new AccessView(a.embargoedUntil(), a.accessGroup(), a.downloadable());
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ProductView describe(
      @PathParam("id") String id,
      @QueryParam("version") Integer version,
      @Context SecurityContext security) {
    ProductId productId = ProductId.parse(id);
    Retrieval.ProductDescription d =
        retrieval.describe(productId, version, Caller.of(security.getUserPrincipal()));
    String base = "/api/v1/products/" + productId.value();
    String suffix = version == null ? "" : "?version=" + d.version();
    List<FileView> files =
        d.record().files().stream()
            .map(
                f ->
                    new FileView(
                        f.path(),
                        f.size(),
                        f.mediaType(),
                        f.formatName(),
                        f.pronom(),
                        f.sha512(),
                        f.sha256(),
                        f.adler32(),
                        base + "/files/" + f.path() + suffix))
            .toList();
    return new ProductView(
        productId.value(),
        d.version(),
        d.headVersion(),
        ProductMetadataView.of(d.record()),
        files,
        d.versions().stream().map(VersionView::of).toList(),
        d.events().stream().map(EventView::of).toList(),
        base + "/aip" + suffix,
        base + "/provenance",
        d.integrity(),
        AccessView.of(d.access()));
  }

  @GET
  @Path("/files/{path: .+}")
  public Response file(
      @PathParam("id") String id,
      @PathParam("path") String path,
      @QueryParam("version") Integer version,
      @HeaderParam("Range") String range,
      @HeaderParam("If-None-Match") String ifNoneMatch,
      @HeaderParam("If-Range") String ifRange,
      @Context SecurityContext security) {
    Retrieval.FileToServe f =
        retrieval.file(ProductId.parse(id), path, version, Caller.of(security.getUserPrincipal()));
    long size = f.file().size();
    String etag = "\"" + f.entry().sha256() + "\"";
    String reprDigest =
        "sha-256=:" + b64(f.entry().sha256()) + ":, sha-512=:" + b64(f.entry().sha512()) + ":";
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
      return Response.notModified().tag(f.entry().sha256()).build();
    }
    Optional<ByteRange> requested =
        ifRange == null || ifRange.trim().equals(etag)
            ? ByteRange.parse(range, size)
            : Optional.empty();
    long start = requested.map(ByteRange::start).orElse(0L);
    long length = requested.map(ByteRange::length).orElse(size);
    StreamingOutput body =
        out -> {
          // 1 MiB reads: FileChannel.transferTo into a stream's channel copies 8 KiB at a time
          try (FileChannel channel =
              FileChannel.open(f.file().location(), StandardOpenOption.READ)) {
            byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(1, length))];
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long position = start;
            long remaining = length;
            while (remaining > 0) {
              wrapped.clear().limit((int) Math.min(buffer.length, remaining));
              int n = channel.read(wrapped, position);
              if (n < 0) {
                break;
              }
              out.write(buffer, 0, n);
              position += n;
              remaining -= n;
            }
          }
        };
    String name = path.substring(path.lastIndexOf('/') + 1);
    Response.ResponseBuilder response =
        Response.status(requested.isPresent() ? 206 : 200)
            .entity(body)
            .type(
                f.entry().mediaType() == null ? "application/octet-stream" : f.entry().mediaType())
            .header("Content-Length", length)
            .header("Accept-Ranges", "bytes")
            .header("ETag", etag)
            .header("Repr-Digest", reprDigest)
            .header(
                "Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
    requested.ifPresent(
        r -> response.header("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + size));
    return response.build();
  }

  @GET
  @Path("/aip")
  @Produces("application/zip")
  public Response aip(
      @PathParam("id") String id,
      @QueryParam("version") Integer version,
      @Context SecurityContext security) {
    AipVersion aip =
        retrieval.aipToDownload(
            ProductId.parse(id), version, Caller.of(security.getUserPrincipal()));
    StreamingOutput body = out -> retrieval.writeAipZip(aip, out);
    return Response.ok(body, "application/zip")
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + aip.productId().value() + "-v" + aip.version() + ".zip\"")
        .build();
  }

  private static String b64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }
}
