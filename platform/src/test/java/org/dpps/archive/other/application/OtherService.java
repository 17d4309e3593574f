package org.dpps.archive.other.application;

/** A use case of module {@code other} (a fixture of {@code ArchiveRulesTest}). */
public class OtherService {}
