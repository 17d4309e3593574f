package org.dpps.archive.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dpps.archive.platform.security.Public;
import org.dpps.archive.platform.security.RequiresRole;
import org.junit.jupiter.api.Test;

/**
 * Every operation of every REST resource, in every module, says who may call it: a resource that
 * forgot would be refused to everyone at run time, and this test names it first.
 */
class AccessDeclarationTest {
  private static final Set<Class<? extends java.lang.annotation.Annotation>> VERBS =
      Set.of(GET.class, POST.class, PUT.class, DELETE.class, HEAD.class);

  @Test
  void everyResourceOperationDeclaresItsAccess() {
    List<String> undeclared = new ArrayList<>();
    int operations = 0;
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dpps.archive")) {
      if (!type.isAnnotatedWith(Path.class)) {
        continue;
      }
      Class<?> resource = type.reflect();
      boolean classDeclares =
          resource.isAnnotationPresent(Public.class)
              || resource.isAnnotationPresent(RequiresRole.class);
      for (Method m : resource.getDeclaredMethods()) {
        if (VERBS.stream().noneMatch(m::isAnnotationPresent)) {
          continue;
        }
        operations++;
        boolean declares =
            classDeclares
                || m.isAnnotationPresent(Public.class)
                || m.isAnnotationPresent(RequiresRole.class);
        if (!declares) {
          undeclared.add(resource.getSimpleName() + "." + m.getName());
        }
      }
    }
    assertThat(operations).as("REST operations found").isGreaterThan(25);
    assertThat(undeclared).as("operations without @Public or @RequiresRole").isEmpty();
  }
}
