package org.dpps.archive.access.infrastructure.search;

import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * Analyzers of the catalogue index.
 *
 * <p>{@value #TEXT} (target names, descriptions, keywords) splits on white space, then a word
 * delimiter splits each word at punctuation and between letters and digits while keeping the word
 * whole and the parts joined: {@code PKS2155-304} is indexed as {@code pks2155-304}, {@code pks},
 * {@code 2155}, {@code 304}, {@code 2155304} and {@code pks2155304}, so that {@code PKS 2155-304},
 * {@code PKS2155-304}, {@code pks 2155} and {@code 2155-304} all find it. Lower case, ASCII
 * folding; {@code Markarian} is written {@code Mrk} (both in documents and in queries). {@value
 * #TEXT_QUERY} is the same chain for queries, without flattening the token graph (Lucene turns the
 * graph into the alternatives it stands for).
 *
 * <p>{@value #LOWERCASE}: exact, case-insensitive keyword filters and facets.
 */
public class ArchiveAnalysisConfigurer implements LuceneAnalysisConfigurer {
  /** Index analyzer of the free-text fields. */
  public static final String TEXT = "archive_text";

  /** Search analyzer of the free-text fields. */
  public static final String TEXT_QUERY = "archive_text_query";

  /** Normalizer of exact, case-insensitive keywords. */
  public static final String LOWERCASE = "archive_lowercase";

  @Override
  public void configure(LuceneAnalysisConfigurationContext context) {
    text(context, TEXT, true);
    text(context, TEXT_QUERY, false);
    context.normalizer(LOWERCASE).custom().tokenFilter("lowercase").tokenFilter("asciiFolding");
  }

  private static void text(LuceneAnalysisConfigurationContext context, String name, boolean index) {
    var chain =
        context
            .analyzer(name)
            .custom()
            .tokenizer("whitespace")
            .charFilter("patternReplace")
            .param("pattern", "(?i)\\bmarkarian\\b")
            .param("replacement", "Mrk")
            .tokenFilter("wordDelimiterGraph")
            .param("generateWordParts", "1")
            .param("generateNumberParts", "1")
            .param("catenateWords", "1")
            .param("catenateNumbers", "1")
            .param("catenateAll", "1")
            .param("splitOnCaseChange", "0")
            .param("splitOnNumerics", "1")
            .param("preserveOriginal", "1")
            .param("stemEnglishPossessive", "1")
            .tokenFilter("lowercase")
            .tokenFilter("asciiFolding");
    if (index) {
      // an index cannot hold a token graph: flatten it (the query side keeps it)
      chain.tokenFilter("flattenGraph");
    }
  }
}
