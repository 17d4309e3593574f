/**
 * Bearer tokens (MicroProfile JWT claims: {@code iss}, {@code sub}, {@code upn}, {@code groups},
 * {@code exp}): issued by the archive itself for the embedded default, or by an external OIDC
 * issuer whose JWKS the archive fetches; roles checked from {@code @RequiresRole}/{@code @Public}
 * on the resources, every denial a problem+json.
 */
package org.dpps.archive.web.security;
