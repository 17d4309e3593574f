/** The TAP service's use cases: synchronous queries (and, later, UWS jobs and uploads). */
package org.dpps.archive.access.application.tap;
