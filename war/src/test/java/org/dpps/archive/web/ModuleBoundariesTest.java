package org.dpps.archive.web;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.dpps.archive.platform.rules.ArchiveRules;

@AnalyzeClasses(
    packages = "org.dpps.archive.web",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {
  /** The rules of every module: threads, platform internals, domain inward, adapters private. */
  @ArchTest static final ArchTests archive = ArchTests.in(ArchiveRules.class);
}
