package org.dpps.archive.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a REST resource class or method: only callers holding one of these roles may call it
 * (archivists hold every role). The method's annotation wins over the class's. Not
 * {@code @RolesAllowed}: Payara's MicroProfile JWT module claims that annotation for its own
 * container login, which would bypass the archive's tokens and problem answers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {
  Role[] value();
}
