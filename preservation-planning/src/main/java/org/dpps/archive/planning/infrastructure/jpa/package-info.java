/** JPA entities of preservation planning (tables of Flyway migration V4). */
package org.dpps.archive.planning.infrastructure.jpa;
