package org.dpps.archive.other.infrastructure;

/** An adapter of module {@code other} (a fixture of {@code ArchiveRulesTest}). */
public class OtherStore {}
