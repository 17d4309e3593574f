/** Assembly of the deployable archive: JAX-RS application, error mapping, start-up, health. */
package org.dpps.archive.web;
