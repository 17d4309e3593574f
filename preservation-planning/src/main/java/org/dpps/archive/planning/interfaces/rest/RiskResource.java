package org.dpps.archive.planning.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dpps.archive.planning.application.RiskReports;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;

/**
 * {@code /api/v1/preservation/risk}: the risk report over the whole holdings, as JSON (summary by
 * format and data level, at-risk products with reasons) or as CSV ({@code Accept: text/csv}): one
 * row per at-risk file ({@code part=files}, the default) or per format ({@code part=formats}).
 */
@RequiresRole(Role.ARCHIVIST)
@Path("/preservation/risk")
@RequestScoped
public class RiskResource {
  static final String CSV = "text/csv";
  private RiskReports reports;

  protected RiskResource() {}

  @Inject
  public RiskResource(RiskReports reports) {
    this.reports = reports;
  }

  // JSON unless CSV is asked for: with Accept */* (or none) the server's quality decides, not the
  // order in which the runtime happens to list the two methods
  @GET
  @Produces(MediaType.APPLICATION_JSON + ";qs=1")
  public RiskReportResponse report(@QueryParam("limit") @DefaultValue("1000") int limit) {
    return RiskReportResponse.of(reports.report(Math.max(0, Math.min(limit, 100_000))));
  }

  @GET
  @Produces(CSV + ";charset=utf-8;qs=0.5")
  public Response csv(@QueryParam("part") @DefaultValue("files") String part) {
    if (!List.of("files", "formats").contains(part)) {
      throw new ArchiveException(ErrorCode.BAD_REQUEST, "part must be 'files' or 'formats'");
    }
    StreamingOutput body =
        out -> {
          BufferedWriter w =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          if (part.equals("formats")) {
            w.write("format_id,name,status,products,files,bytes,reasons\r\n");
            for (RiskReports.FormatRow r : reports.report(0).formats()) {
              row(
                  w,
                  r.formatId(),
                  r.name(),
                  r.status(),
                  String.valueOf(r.products()),
                  String.valueOf(r.files()),
                  String.valueOf(r.bytes()),
                  String.join(" | ", r.reasons()));
            }
          } else {
            w.write("product_id,version,data_level,path,bytes,format_id,status,reasons\r\n");
            try {
              reports.forEachFile(
                  f -> {
                    if (f.format().status().atRisk()) {
                      try {
                        row(
                            w,
                            f.productId(),
                            String.valueOf(f.version()),
                            f.dataLevel(),
                            f.path(),
                            String.valueOf(f.size()),
                            f.format().formatId(),
                            f.format().status().label(),
                            String.join(" | ", f.format().reasons()));
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }
                  });
            } catch (UncheckedIOException e) {
              throw e.getCause();
            }
          }
          w.flush();
        };
    String name = part.equals("formats") ? "risk-formats.csv" : "risk-files.csv";
    return Response.ok(body, CSV + ";charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }

  /** One RFC 4180 row. */
  static void row(BufferedWriter w, String... cells) throws IOException {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(cell(cells[i]));
    }
    w.write("\r\n");
  }

  static String cell(String value) {
    if (value == null) {
      return "";
    }
    // a leading =, +, - or @ would be a formula in a spreadsheet: quote it with a '
    String v = value.matches("^[=+\\-@].*") && !value.matches("^-?[0-9.]+$") ? "'" + value : value;
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
