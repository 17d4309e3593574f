package org.dpps.archive.sample.infrastructure;

/** An adapter of module {@code sample} (a fixture of {@code ArchiveRulesTest}). */
public class OwnStore {}
