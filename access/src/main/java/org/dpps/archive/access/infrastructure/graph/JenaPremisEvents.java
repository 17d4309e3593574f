package org.dpps.archive.access.infrastructure.graph;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.dpps.archive.access.domain.PremisEvents;
import org.dpps.archive.schemas.rdf.Vocab;

/** The {@link PremisEvents} of Jena: the Turtle parsed in memory, the events found by SPARQL. */
@ApplicationScoped
public class JenaPremisEvents implements PremisEvents {
  public JenaPremisEvents() {}

  @Override
  public List<PremisEvent> read(byte[] premisTurtle) {
    Model premis = ProvenanceStore.parse(new ByteArrayInputStream(premisTurtle), Lang.TURTLE);
    String query =
        "PREFIX premis: <"
            + Vocab.PREMIS
            + "> PREFIX prov: <"
            + Vocab.PROV
            + "> PREFIX dct: <"
            + Vocab.DCT
            + "> SELECT ?type ?time ?outcome ?note WHERE { ?e a premis:Event ; dct:type ?type ;"
            + " prov:atTime ?time ; premis:outcome ?outcome . OPTIONAL { ?e premis:outcomeNote"
            + " ?note } } ORDER BY ?time ?type";
    List<PremisEvent> events = new ArrayList<>();
    try (QueryExecution exec = QueryExecution.model(premis).query(query).build()) {
      ResultSet rs = exec.execSelect();
      while (rs.hasNext()) {
        QuerySolution s = rs.next();
        events.add(
            new PremisEvent(
                last(s.getResource("type").getURI()),
                s.getLiteral("time").getLexicalForm(),
                last(s.getResource("outcome").getURI()),
                s.contains("note") ? s.getLiteral("note").getString() : null));
      }
    }
    return events;
  }

  private static String last(String iri) {
    return iri.substring(iri.lastIndexOf('/') + 1);
  }
}
