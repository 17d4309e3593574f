/** The optional SIP manifest {@code metadata/sip.json}: its JSON Schema, validator and model. */
package org.dpps.archive.schemas.sip;
