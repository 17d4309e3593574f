/** Access use cases: catalogue upkeep, search, retrieval, provenance. */
package org.dpps.archive.access.application;
