package org.dpps.archive.planning.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RiskResourceTest {
  @Test
  void csvCellsAreQuotedAndFormulasDefused() throws IOException {
    assertThat(RiskResource.cell("plain")).isEqualTo("plain");
    assertThat(RiskResource.cell(null)).isEmpty();
    assertThat(RiskResource.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(RiskResource.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(RiskResource.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(RiskResource.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(RiskResource.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(RiskResource.cell("-12.5"))
        .as("a negative number stays a number")
        .isEqualTo("-12.5");
    StringWriter out = new StringWriter();
    try (BufferedWriter w = new BufferedWriter(out)) {
      RiskResource.row(w, "p", "1", "x,y");
    }
    assertThat(out.toString()).isEqualTo("p,1,\"x,y\"\r\n");
  }
}
