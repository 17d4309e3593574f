package org.dpps.archive.access.interfaces.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dpps.archive.access.domain.tap.SearchAdql;

/**
 * The ADQL that reproduces a search, and where to run it: {@code tapUrl} for TOPCAT or pyvo, {@code
 * syncUrl} to run it at once (CSV).
 *
 * @param exact whether the query selects exactly the search's products that ObsCore lists
 * @param notExpressed the filters the query leaves out
 */
public record SearchAdqlResponse(
    String adql, boolean exact, List<String> notExpressed, String tapUrl, String syncUrl) {

  public static SearchAdqlResponse of(SearchAdql adql, String root) {
    String tap = root + "/tap";
    return new SearchAdqlResponse(
        adql.adql(),
        adql.exact(),
        adql.notExpressed(),
        tap,
        tap
            + "/sync?LANG=ADQL&RESPONSEFORMAT=csv&QUERY="
            + URLEncoder.encode(adql.adql(), StandardCharsets.UTF_8));
  }
}
