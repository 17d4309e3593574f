package org.dpps.archive.access.infrastructure.votable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.access.infrastructure.votable.Fixtures.children;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class VotableErrorDocumentTest {

  @Test
  void theErrorIsTheOnlyQueryStatusWithTheCodeAndEscapedMessage() throws Exception {
    byte[] xml =
        VotableErrorDocument.of(
            new TapException(TapError.UNKNOWN_COLUMN, "no column \"x<y>\" & none like it"));
    Fixtures.validateVotable(xml);
    Document doc = Fixtures.parse(xml);
    Element votable = doc.getDocumentElement();
    assertThat(votable.getNamespaceURI()).isEqualTo("http://www.ivoa.net/xml/VOTable/v1.3");
    assertThat(votable.getAttribute("version")).isEqualTo("1.4");
    List<Element> resources = children(votable, "RESOURCE");
    assertThat(resources).hasSize(1);
    assertThat(resources.get(0).getAttribute("type")).isEqualTo("results");
    List<Element> content = children(resources.get(0));
    assertThat(content).hasSize(1);
    Element info = content.get(0);
    assertThat(info.getLocalName()).isEqualTo("INFO");
    assertThat(info.getAttribute("name")).isEqualTo("QUERY_STATUS");
    assertThat(info.getAttribute("value")).isEqualTo("ERROR");
    assertThat(info.getTextContent()).isEqualTo("TAP-003: no column \"x<y>\" & none like it");
  }

  @Test
  void aCodeAndMessageWriteTheSameDocument() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VotableErrorDocument.write(TapError.OVERLOADED, "try again \u0001later", out);
    Element info =
        children(children(Fixtures.parse(out.toByteArray()).getDocumentElement()).get(0)).get(0);
    assertThat(info.getAttribute("value")).isEqualTo("ERROR");
    assertThat(info.getTextContent()).isEqualTo("TAP-010: try again \uFFFDlater");
  }
}
