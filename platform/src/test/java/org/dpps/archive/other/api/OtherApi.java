package org.dpps.archive.other.api;

/** The published API of module {@code other} (a fixture of {@code ArchiveRulesTest}). */
public interface OtherApi {}
