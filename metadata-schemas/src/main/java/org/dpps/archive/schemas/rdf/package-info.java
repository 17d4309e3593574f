/** RDF written into AIPs: vocabulary IRIs and the builders of the PROV-O and PREMIS graphs. */
package org.dpps.archive.schemas.rdf;
