/** The relational database: pool, Flyway migrations, the Hibernate persistence unit. */
package org.dpps.archive.platform.database;
