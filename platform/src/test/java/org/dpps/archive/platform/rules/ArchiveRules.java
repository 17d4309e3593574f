package org.dpps.archive.platform.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * The rules every module of the archive obeys. Each module's {@code ModuleBoundariesTest} includes
 * them with {@code @ArchTest static final ArchTests archive = ArchTests.in(ArchiveRules.class)}, so
 * they are checked against that module's main classes (a rule about a kind of package the module
 * does not have checks nothing there).
 */
public final class ArchiveRules {
  private static final String ROOT = "org.dpps.archive.";

  private ArchiveRules() {}

  /** Background work runs on the platform's job runner or its helper executor. */
  @ArchTest
  public static final ArchRule noClassOutsideThePlatformStartsThreads =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.dpps.archive.platform..")
          .should()
          .callCodeUnitWhere(startsThreads())
          .because(
              "background work runs as jobs of the platform's JobRunner, helper tasks on its"
                  + " HelperExecutor")
          .allowEmptyShould(true);

  /** The platform's internal packages (entities, the job table, the executor) are its own. */
  @ArchTest
  public static final ArchRule noModuleImportsPlatformInternals =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.dpps.archive.platform..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dpps.archive.platform..internal..")
          .allowEmptyShould(true);

  /** Ports and values point inward: a domain knows nothing of the layers around it. */
  @ArchTest
  public static final ArchRule domainDependsOnNoOuterLayer =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.*.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.dpps.archive.*.application..",
              "org.dpps.archive.*.infrastructure..",
              "org.dpps.archive.*.interfaces..",
              "jakarta.ws.rs..",
              "jakarta.persistence..",
              "org.hibernate..")
          .allowEmptyShould(true);

  /** Application code talks to ports: no adapter, no JPA (those live in infrastructure). */
  @ArchTest
  public static final ArchRule applicationNeverDependsOnInfrastructure =
      noClasses()
          .that()
          .resideInAPackage("org.dpps.archive.*.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.dpps.archive.*.infrastructure..", "jakarta.persistence..", "org.hibernate..")
          .allowEmptyShould(true);

  /**
   * A module's use cases, adapters and REST resources are its own: other modules use its {@code
   * api} and {@code domain} packages (and the platform's public ones).
   */
  @ArchTest
  public static final ArchRule noModuleUsesAnotherModulesInternals =
      classes()
          .that()
          .resideInAPackage("org.dpps.archive..")
          .should(notDependOnAnotherModules("application", "infrastructure", "interfaces"))
          .allowEmptyShould(true);

  /**
   * REST resources answer with their own records: no public method of {@code interfaces.rest}
   * returns, and no record there holds, a type of the archive's other layers (domain, application,
   * api, platform; the platform's problem documents excepted), so the API's JSON does not change
   * when a domain type does.
   */
  @ArchTest
  public static final ArchRule restAnswersWithItsOwnRecords =
      classes()
          .that()
          .resideInAPackage("org.dpps.archive.*.interfaces.rest..")
          .should(exposeOnlyRestTypes())
          .allowEmptyShould(true);

  /** Calls that start threads of their own or use a shared pool the archive does not manage. */
  static DescribedPredicate<JavaCall<?>> startsThreads() {
    return new DescribedPredicate<>(
        "start threads (new Thread, Executors, thread pools, ForkJoinPool, Timer, parallel"
            + " streams, CompletableFuture without an executor)") {
      @Override
      public boolean test(JavaCall<?> call) {
        AccessTarget.CodeUnitCallTarget target = call.getTarget();
        JavaClass owner = target.getOwner();
        String name = target.getName();
        boolean constructor = name.equals("<init>");
        if (constructor
            && (owner.isAssignableTo(Thread.class)
                || owner.isAssignableTo(java.util.concurrent.ThreadPoolExecutor.class)
                || owner.isAssignableTo(java.util.Timer.class))) {
          return true;
        }
        if (owner.isEquivalentTo(java.util.concurrent.Executors.class)
            || owner.isAssignableTo(ForkJoinPool.class)) {
          return true;
        }
        if (name.equals("start") && owner.isAssignableTo(Thread.class)) {
          return true;
        }
        if (name.equals("parallelStream")
            || (name.equals("parallel") && owner.getPackageName().equals("java.util.stream"))) {
          return true;
        }
        return owner.isEquivalentTo(java.util.concurrent.CompletableFuture.class)
            && (name.equals("runAsync") || name.equals("supplyAsync"))
            && target.getRawParameterTypes().size() == 1;
      }
    };
  }

  /**
   * No dependency on a class in one of {@code layers} (e.g. {@code infrastructure}) of another
   * module; the platform counts as a module too.
   */
  static ArchCondition<JavaClass> notDependOnAnotherModules(String... layers) {
    return new ArchCondition<>(
        "not depend on the " + String.join(" or ", layers) + " packages of another module") {
      @Override
      public void check(JavaClass from, ConditionEvents events) {
        Optional<String> own = module(from.getPackageName());
        if (own.isEmpty()) {
          return;
        }
        for (Dependency d : from.getDirectDependenciesFromSelf()) {
          String to = d.getTargetClass().getPackageName();
          Optional<String> other = module(to);
          if (other.isEmpty() || other.get().equals(own.get())) {
            continue;
          }
          for (String layer : layers) {
            String prefix = ROOT + other.get() + "." + layer;
            if (to.equals(prefix) || to.startsWith(prefix + ".")) {
              events.add(SimpleConditionEvent.violated(d, d.getDescription()));
            }
          }
        }
      }
    };
  }

  /** Public method return types and record components name only REST, JDK or library types. */
  static ArchCondition<JavaClass> exposeOnlyRestTypes() {
    return new ArchCondition<>(
        "return and hold only their own request/response types (no domain, application or api"
            + " type of the archive)") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaMethod m : c.getMethods()) {
          if (m.getModifiers().contains(JavaModifier.PUBLIC)) {
            for (JavaClass t : m.getReturnType().getAllInvolvedRawTypes()) {
              if (!isRestOrForeign(t)) {
                events.add(
                    SimpleConditionEvent.violated(
                        m,
                        m.getFullName()
                            + " returns "
                            + t.getName()
                            + " "
                            + m.getSourceCodeLocation()));
              }
            }
          }
        }
        if (c.isRecord()) {
          for (JavaField f : c.getFields()) {
            if (f.getModifiers().contains(JavaModifier.STATIC)) {
              continue;
            }
            for (JavaClass t : f.getType().getAllInvolvedRawTypes()) {
              if (!isRestOrForeign(t)) {
                events.add(
                    SimpleConditionEvent.violated(
                        f,
                        f.getFullName()
                            + " holds "
                            + t.getName()
                            + " "
                            + c.getSourceCodeLocation()));
              }
            }
          }
        }
      }
    };
  }

  private static boolean isRestOrForeign(JavaClass t) {
    JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
    String p = base.getPackageName();
    return !p.startsWith(ROOT)
        || p.contains(".interfaces.rest")
        || p.equals(ROOT + "platform.error"); // problem documents are the API's one error model
  }

  /** The module of a package: {@code storage} for {@code org.dpps.archive.storage.domain}. */
  static Optional<String> module(String packageName) {
    if (!packageName.startsWith(ROOT)) {
      return Optional.empty();
    }
    String rest = packageName.substring(ROOT.length());
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }
}
