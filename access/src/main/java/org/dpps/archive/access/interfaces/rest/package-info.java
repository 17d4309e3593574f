/** REST interface of access: products, search, SPARQL, catalogue administration. */
package org.dpps.archive.access.interfaces.rest;
