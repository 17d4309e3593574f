package org.dpps.archive.access.infrastructure.search;

import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * Analyzers of the catalogue index: {@code archive_text} (standard tokenizer, lower case, ASCII
 * folding) for free text and target names, {@code archive_lowercase} for exact, case-insensitive
 * keyword filters and facets.
 */
public class ArchiveAnalysisConfigurer implements LuceneAnalysisConfigurer {
  @Override
  public void configure(LuceneAnalysisConfigurationContext context) {
    context
        .analyzer("archive_text")
        .custom()
        .tokenizer("standard")
        .tokenFilter("lowercase")
        .tokenFilter("asciiFolding");
    context
        .normalizer("archive_lowercase")
        .custom()
        .tokenFilter("lowercase")
        .tokenFilter("asciiFolding");
  }
}
