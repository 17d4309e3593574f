package org.dpps.archive.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The archive's REST API, under {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class ArchiveApplication extends Application {}
