package org.dpps.archive.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.interfaces.rest.AdminResource;
import org.dpps.archive.access.interfaces.rest.BundleResource;
import org.dpps.archive.access.interfaces.rest.ProductResource;
import org.dpps.archive.access.interfaces.rest.ProvenanceResource;
import org.dpps.archive.access.interfaces.rest.SearchResource;
import org.dpps.archive.access.interfaces.rest.SparqlResource;
import org.dpps.archive.access.interfaces.tap.DataLinkResource;
import org.dpps.archive.access.interfaces.tap.TapAsyncResource;
import org.dpps.archive.access.interfaces.tap.TapResource;
import org.dpps.archive.ingest.interfaces.rest.DepositResource;
import org.dpps.archive.planning.interfaces.rest.FormatResource;
import org.dpps.archive.planning.interfaces.rest.PlanResource;
import org.dpps.archive.planning.interfaces.rest.RiskResource;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Public;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;
import org.dpps.archive.storage.interfaces.rest.AuditResource;
import org.dpps.archive.storage.interfaces.rest.EventResource;
import org.dpps.archive.storage.interfaces.rest.ReplicaResource;
import org.dpps.archive.web.security.AuthResource;
import org.dpps.archive.web.security.TokenResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The static OpenAPI document ({@code META-INF/openapi.yaml}, served at {@code /openapi}) is the
 * API's description: it must stay a valid OpenAPI document, list exactly the operations of the
 * JAX-RS resources with the roles, parameters and media types they declare, and name only problem
 * codes the archive has, with their statuses. {@code docs/api.md} lists every code.
 */
class OpenApiDocumentTest {
  private static final String DOCUMENT = "META-INF/openapi.yaml";
  private static final java.nio.file.Path API_MD = java.nio.file.Path.of("..", "docs", "api.md");
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
  private static final String VOTABLE = "application/x-votable+xml";
  private static final String VOTABLE_ERROR_SCHEMA = "#/components/schemas/VOTableError";

  /**
   * Every JAX-RS resource class of the archive. Checked against the classes annotated with
   * {@code @Path} on the class path: a new resource must be added here, and its operations to the
   * document.
   */
  static final List<Class<?>> RESOURCES =
      List.of(
          AdminResource.class,
          BundleResource.class,
          ProductResource.class,
          ProvenanceResource.class,
          SearchResource.class,
          SparqlResource.class,
          TapResource.class,
          DataLinkResource.class,
          TapAsyncResource.class,
          AuditResource.class,
          EventResource.class,
          ReplicaResource.class,
          DepositResource.class,
          FormatResource.class,
          PlanResource.class,
          RiskResource.class,
          AuthResource.class,
          TokenResource.class);

  /** Headers that OpenAPI describes elsewhere than in parameters (and ignores there). */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("accept", "content-type", "authorization");

  private static String text;
  private static SwaggerParseResult parsed;
  private static OpenAPI api;
  private static Map<String, List<JavaOperation>> inCode;
  private static Map<String, Operation> inDocument;
  private static Map<String, PathItem> pathItems;
  private static Map<String, ErrorCode> codes;

  /** One resource method: its class (whose annotations count), the method, the operation key. */
  record JavaOperation(Class<?> resource, Method method, String key) {
    @Override
    public String toString() {
      return resource.getSimpleName() + "." + method.getName();
    }
  }

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in =
        OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      assertThat(in).as(DOCUMENT + " on the class path").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    parsed = new OpenAPIV3Parser().readContents(text, null, options);
    api = parsed.getOpenAPI();
    codes = new TreeMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      codes.put(c.id(), c);
    }
    inCode = operationsInCode(RESOURCES);
    inDocument = new TreeMap<>();
    pathItems = new TreeMap<>();
    if (api != null && api.getPaths() != null) {
      api.getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach(
                          (verb, op) -> {
                            inDocument.put(verb.name() + " " + path, op);
                            pathItems.put(verb.name() + " " + path, item);
                          }));
    }
  }

  @Test
  void theDocumentIsValidOpenApi() {
    assertThat(parsed.getMessages()).as("messages of the OpenAPI parser").isEmpty();
    assertThat(api).as("the parsed document").isNotNull();
    assertThat(api.getOpenapi()).startsWith("3.0.");
    assertThat(api.getComponents().getSecuritySchemes())
        .as("security schemes")
        .containsKey("bearer");
    assertThat(api.getComponents().getSecuritySchemes().get("bearer").getScheme())
        .isEqualTo("bearer");
    assertThat(api.getComponents().getSchemas()).as("component schemas").containsKey("Problem");
    assertThat(inDocument).as("operations in the document").hasSizeGreaterThan(25);
  }

  @Test
  void theListOfResourcesIsEveryPathAnnotatedClassOfTheArchive() {
    Set<String> onClassPath =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.dpps.archive")
                .stream()
                .filter(c -> c.isAnnotatedWith(Path.class))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    Set<String> listed =
        RESOURCES.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    assertThat(onClassPath).as("classes annotated @Path under org.dpps.archive").isNotEmpty();
    assertThat(difference(onClassPath, listed))
        .as(
            "@Path classes missing from RESOURCES (add them, and their operations to "
                + DOCUMENT
                + ")")
        .isEmpty();
    assertThat(difference(listed, onClassPath))
        .as("RESOURCES that are no @Path class on the class path")
        .isEmpty();
  }

  @Test
  void theDocumentHasExactlyTheOperationsOfTheResources() {
    Set<String> code = inCode.keySet();
    Set<String> document = inDocument.keySet();
    assertThat(code).as("operations of the resources").hasSizeGreaterThan(25);
    List<String> missing = new ArrayList<>();
    difference(code, document)
        .forEach(
            k ->
                missing.add(
                    "missing in " + DOCUMENT + ": " + k + " (" + inCode.get(k).get(0) + ")"));
    difference(document, code)
        .forEach(k -> missing.add("in " + DOCUMENT + " but no resource method has it: " + k));
    assertThat(missing)
        .as("operations that differ between the resources and the document")
        .isEmpty();
  }

  @Test
  void eachOperationDeclaresTheRolesItsResourceRequires() {
    List<String> wrong = new ArrayList<>();
    for (var e : both().entrySet()) {
      String key = e.getKey();
      Operation op = inDocument.get(key);
      Set<List<String>> required = new LinkedHashSet<>();
      for (JavaOperation j : e.getValue()) {
        List<String> roles = roles(j);
        if (roles == null) {
          wrong.add(key + ": " + j + " declares neither @Public nor @RequiresRole");
        } else {
          required.add(roles);
        }
      }
      if (required.size() > 1) {
        wrong.add(key + ": its resource methods require different roles " + required);
        continue;
      }
      List<String> roles = required.isEmpty() ? List.of() : required.iterator().next();
      List<String> documented = strings(extension(op, "x-roles"));
      if (!new TreeSet<>(documented).equals(new TreeSet<>(roles))) {
        wrong.add(key + ": x-roles " + documented + ", but the resource requires " + roles);
      }
      List<SecurityRequirement> security =
          op.getSecurity() != null ? op.getSecurity() : api.getSecurity();
      boolean anonymous = security == null || security.stream().anyMatch(Map::isEmpty);
      boolean bearer = security != null && security.stream().anyMatch(s -> s.containsKey("bearer"));
      if (!bearer) {
        wrong.add(key + ": its security does not name the bearer scheme");
      }
      if (roles.isEmpty() && !anonymous) {
        wrong.add(key + ": public, but its security does not allow anonymous callers ({})");
      }
      if (!roles.isEmpty() && anonymous) {
        wrong.add(key + ": needs " + roles + ", but its security allows anonymous callers");
      }
      if (Boolean.TRUE.equals(extension(op, "x-embargo")) && !roles.isEmpty()) {
        wrong.add(key + ": x-embargo is for public operations");
      }
    }
    assertThat(wrong).as("operations whose roles differ from the resources'").isEmpty();
  }

  @Test
  void eachOperationDocumentsTheParametersBodyAndMediaTypesOfItsResourceMethods() {
    List<String> wrong = new ArrayList<>();
    for (var e : both().entrySet()) {
      String key = e.getKey();
      Operation op = inDocument.get(key);
      Map<String, String> declared = new TreeMap<>(); // in:name -> default value or ""
      Set<String> formFields = new TreeSet<>();
      Set<String> consumes = new TreeSet<>();
      Set<String> produces = new TreeSet<>();
      boolean entity = false;
      for (JavaOperation j : e.getValue()) {
        entity |= parameters(j.method(), declared, formFields);
        consumes.addAll(mediaTypes(j.method(), j.resource(), Consumes.class));
        produces.addAll(mediaTypes(j.method(), j.resource(), Produces.class));
      }
      Map<String, Parameter> documented = new TreeMap<>();
      List<Parameter> all = new ArrayList<>(); // the path's, then the operation's (which win)
      Stream.of(pathItems.get(key).getParameters(), op.getParameters())
          .filter(Objects::nonNull)
          .forEach(all::addAll);
      for (Parameter p : all) {
        Parameter r = deref(p);
        String name =
            r.getIn().equals("header") ? r.getName().toLowerCase(Locale.ROOT) : r.getName();
        if (r.getIn().equals("header") && RESERVED_HEADERS.contains(name)) {
          continue;
        }
        documented.put(r.getIn() + ":" + name, r);
      }
      difference(declared.keySet(), documented.keySet())
          .forEach(p -> wrong.add(key + ": parameter " + p + " is not documented"));
      // a method that takes UriInfo reads query parameters itself (TAP's are case-insensitive)
      boolean readsUri =
          e.getValue().stream()
              .flatMap(j -> Stream.of(j.method().getParameterTypes()))
              .anyMatch(UriInfo.class::equals);
      difference(documented.keySet(), declared.keySet()).stream()
          .filter(p -> !(readsUri && p.startsWith("query:")))
          .forEach(p -> wrong.add(key + ": documents parameter " + p + ", which no method takes"));
      declared.forEach(
          (p, defaultValue) -> {
            Parameter d = documented.get(p);
            if (d == null) {
              return;
            }
            if (p.startsWith("path:") && !Boolean.TRUE.equals(d.getRequired())) {
              wrong.add(key + ": path parameter " + p + " must be required");
            }
            Object documentedDefault = d.getSchema() == null ? null : d.getSchema().getDefault();
            if (!defaultValue.isEmpty()
                && !defaultValue.equals(String.valueOf(documentedDefault))) {
              wrong.add(
                  key
                      + ": "
                      + p
                      + " defaults to "
                      + defaultValue
                      + ", documented "
                      + documentedDefault);
            }
          });
      Content body = op.getRequestBody() == null ? null : deref(op.getRequestBody()).getContent();
      if (entity != (body != null && !body.isEmpty())) {
        wrong.add(
            key
                + (entity
                    ? ": reads a request body that is not documented"
                    : ": documents a request body it does not read"));
      }
      for (String type : consumes) {
        if (body == null || !body.containsKey(type)) {
          wrong.add(key + ": consumes " + type + ", not in its requestBody");
        }
      }
      if (!formFields.isEmpty()) {
        MediaType form = body == null ? null : body.get("application/x-www-form-urlencoded");
        Set<String> properties =
            form == null || form.getSchema() == null || form.getSchema().getProperties() == null
                ? Set.of()
                : form.getSchema().getProperties().keySet();
        difference(formFields, properties)
            .forEach(f -> wrong.add(key + ": form field " + f + " is not documented"));
      }
      Set<String> answered = new TreeSet<>();
      responses(op)
          .forEach(
              (status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                  answered.addAll(response.getContent().keySet());
                }
              });
      difference(produces, answered)
          .forEach(t -> wrong.add(key + ": produces " + t + ", not in its success responses"));
    }
    assertThat(wrong).as("operations whose parameters, bodies or media types differ").isEmpty();
  }

  @Test
  void everyOperationAnswersItsProblemsWithTheSharedProblemSchema() {
    List<String> wrong = new ArrayList<>();
    inDocument.forEach(
        (key, op) -> {
          Map<String, ApiResponse> responses = responses(op);
          if (responses.keySet().stream().noneMatch(OpenApiDocumentTest::isError)) {
            wrong.add(key + ": no error response");
          }
          responses.forEach(
              (status, response) -> {
                if (!isError(status)) {
                  return;
                }
                Content content = response.getContent();
                // TAP answers its own errors as VOTable documents (DALI); the filters' still are
                // problems
                if ("votable".equals(extension(op, "x-error-format"))
                    && content != null
                    && content.keySet().equals(Set.of(VOTABLE))) {
                  Schema<?> error = content.get(VOTABLE).getSchema();
                  if (error == null || !VOTABLE_ERROR_SCHEMA.equals(error.get$ref())) {
                    wrong.add(key + " " + status + ": schema is not " + VOTABLE_ERROR_SCHEMA);
                  }
                  return;
                }
                if (content == null || !content.keySet().equals(Set.of(PROBLEM_JSON))) {
                  wrong.add(key + " " + status + ": not (only) " + PROBLEM_JSON);
                  return;
                }
                Schema<?> schema = content.get(PROBLEM_JSON).getSchema();
                if (schema == null || !PROBLEM_SCHEMA.equals(schema.get$ref())) {
                  wrong.add(key + " " + status + ": schema is not " + PROBLEM_SCHEMA);
                }
              });
        });
    assertThat(wrong).as("error responses that are not the shared problem").isEmpty();
  }

  @Test
  void everyProblemCodeNamedInTheDocumentIsAnErrorCode() {
    Set<String> prefixes =
        codes.keySet().stream()
            .map(id -> id.substring(0, id.indexOf('-')))
            .collect(Collectors.toCollection(TreeSet::new));
    Matcher m = Pattern.compile("\\b(" + String.join("|", prefixes) + ")-\\d+\\b").matcher(text);
    Set<String> named = new TreeSet<>();
    while (m.find()) {
      named.add(m.group());
    }
    assertThat(named).as("problem codes named in the document").isNotEmpty();
    assertThat(difference(named, codes.keySet()))
        .as("codes named in " + DOCUMENT + " that ErrorCode does not have")
        .isEmpty();
  }

  @Test
  void eachOperationListsItsProblemCodesWithTheirStatuses() {
    List<String> wrong = new ArrayList<>();
    for (var e : both().entrySet()) {
      String key = e.getKey();
      Operation op = inDocument.get(key);
      List<String> listed = strings(extension(op, "x-problem-codes"));
      if (listed.isEmpty()) {
        wrong.add(key + ": no x-problem-codes");
        continue;
      }
      if (new LinkedHashSet<>(listed).size() != listed.size()) {
        wrong.add(key + ": x-problem-codes lists a code twice " + listed);
      }
      Map<String, ApiResponse> responses = responses(op);
      Map<String, Set<String>> byStatus = new TreeMap<>();
      for (String id : listed) {
        ErrorCode code = codes.get(id);
        if (code == null) {
          wrong.add(key + ": x-problem-codes names " + id + ", which ErrorCode does not have");
          continue;
        }
        String status = String.valueOf(code.category().httpStatus());
        byStatus.computeIfAbsent(status, s -> new TreeSet<>()).add(id);
        if (!responses.containsKey(status)) {
          wrong.add(key + ": lists " + id + " but documents no " + status + " response");
        }
      }
      responses.forEach(
          (status, response) -> {
            if (!isError(status)) {
              return;
            }
            Set<String> expected = byStatus.getOrDefault(status, Set.of());
            Set<String> described = codesIn(response.getDescription());
            if (!described.equals(expected)) {
              wrong.add(
                  key
                      + " "
                      + status
                      + ": the description names "
                      + described
                      + ", x-problem-codes has "
                      + expected
                      + " with this status");
            }
            MediaType problem =
                response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
            if (problem != null && problem.getExample() != null) {
              JsonNode example = Json.mapper().valueToTree(problem.getExample());
              if (!expected.contains(example.path("code").asText())
                  || !status.equals(example.path("status").asText())
                  || !example.path("type").asText().endsWith(example.path("code").asText())) {
                wrong.add(key + " " + status + ": its example is not one of " + expected);
              }
            }
          });
      // the authentication filter answers these before any resource runs
      if (!listed.contains(ErrorCode.TOKEN_INVALID.id())) {
        wrong.add(key + ": every operation refuses an invalid token with AUTH-002");
      }
      boolean needsRole =
          e.getValue().stream()
              .map(OpenApiDocumentTest::roles)
              .anyMatch(r -> r != null && !r.isEmpty());
      if (needsRole
          && !listed.containsAll(
              List.of(ErrorCode.UNAUTHENTICATED.id(), ErrorCode.FORBIDDEN.id()))) {
        wrong.add(key + ": needs a role, so it answers AUTH-001 and AUTH-003");
      }
    }
    assertThat(wrong).as("operations whose problem codes and responses disagree").isEmpty();
  }

  @Test
  void docsApiMdHasATableOfEveryErrorCodeWithItsStatus() throws IOException {
    assertThat(API_MD).as("docs/api.md, read from the war module directory").exists();
    Pattern row = Pattern.compile("^\\|\\s*`?([A-Z]+-\\d+)`?\\s*\\|\\s*(\\d{3})\\s*\\|.*\\|\\s*$");
    Map<String, String> table = new TreeMap<>();
    List<String> twice = new ArrayList<>();
    for (String line : Files.readAllLines(API_MD, StandardCharsets.UTF_8)) {
      Matcher m = row.matcher(line.trim());
      if (m.matches() && table.put(m.group(1), m.group(2)) != null) {
        twice.add(m.group(1));
      }
    }
    List<String> wrong = new ArrayList<>();
    for (ErrorCode c : ErrorCode.values()) {
      String status = String.valueOf(c.category().httpStatus());
      String documented = table.get(c.id());
      if (documented == null) {
        wrong.add(c.id() + " (" + c.name() + ", " + status + ") is not in the table");
      } else if (!documented.equals(status)) {
        wrong.add(c.id() + " is " + status + ", the table says " + documented);
      }
    }
    // TAP answers VOTable error documents with its own codes (TapError), in a table of their own
    for (TapError t : TapError.values()) {
      String documented = table.get(t.code());
      if (!String.valueOf(t.httpStatus()).equals(documented)) {
        wrong.add(
            t.code() + " (" + t.name() + ", " + t.httpStatus() + ") is documented " + documented);
      }
    }
    difference(table.keySet(), codes.keySet()).stream()
        .filter(id -> !id.startsWith("TAP-"))
        .forEach(id -> wrong.add(id + " is in the table but not in ErrorCode"));
    assertThat(twice).as("codes listed twice in docs/api.md").isEmpty();
    assertThat(wrong).as("the table of problem codes in docs/api.md").isEmpty();
  }

  // ---------------------------------------------------------------- the resources, by reflection

  static Map<String, List<JavaOperation>> operationsInCode(List<Class<?>> resources) {
    String base = ArchiveApplication.class.getAnnotation(ApplicationPath.class).value();
    Map<String, List<JavaOperation>> operations = new TreeMap<>();
    for (Class<?> resource : resources) {
      Path classPath = resource.getAnnotation(Path.class);
      assertThat(classPath).as(resource + " is annotated @Path").isNotNull();
      for (Method m : resource.getMethods()) {
        String verb = verb(m);
        if (verb == null) {
          assertThat(m.getAnnotation(Path.class))
              .as("%s.%s: a sub-resource locator, which this test does not follow", resource, m)
              .isNull();
          continue;
        }
        Path methodPath = m.getAnnotation(Path.class);
        String path = join(base, classPath.value(), methodPath == null ? "" : methodPath.value());
        String key = verb + " " + path;
        operations
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(new JavaOperation(resource, m, key));
      }
    }
    return operations;
  }

  /** The HTTP method of a resource method ({@code @GET}, {@code @PATCH}, ...), or null. */
  private static String verb(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  /** {@code /api/v1} + {@code /products/{id}} + {@code /files/{path: .+}} = {@code .../{path}}. */
  static String join(String... parts) {
    String joined =
        Arrays.stream(parts)
            .flatMap(p -> Arrays.stream(p.split("/")))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.joining("/", "/", ""));
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < joined.length()) {
      char c = joined.charAt(i);
      if (c != '{') {
        out.append(c);
        i++;
        continue;
      }
      int depth = 0;
      int end = i;
      for (; end < joined.length(); end++) {
        depth += joined.charAt(end) == '{' ? 1 : joined.charAt(end) == '}' ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      String template = joined.substring(i + 1, end);
      int colon = template.indexOf(':');
      out.append('{')
          .append((colon < 0 ? template : template.substring(0, colon)).trim())
          .append('}');
      i = end + 1;
    }
    return out.toString();
  }

  /**
   * The roles a resource method needs as the authentication filter decides them: {@code @Public} on
   * the method, else {@code @RequiresRole} on the method or its class, else {@code @Public} on the
   * class; null when it declares nothing (then it is refused to everyone).
   */
  static List<String> roles(JavaOperation j) {
    Method m = j.method();
    if (m.isAnnotationPresent(Public.class)) {
      return List.of();
    }
    RequiresRole required =
        m.isAnnotationPresent(RequiresRole.class)
            ? m.getAnnotation(RequiresRole.class)
            : j.resource().getAnnotation(RequiresRole.class);
    if (required != null) {
      return Arrays.stream(required.value()).map(Role::claim).sorted().toList();
    }
    return j.resource().isAnnotationPresent(Public.class) ? List.of() : null;
  }

  /**
   * Adds the method's parameters as {@code in:name} with their {@code @DefaultValue} (or "") to
   * {@code declared}, its form fields to {@code form}; returns whether it reads an entity body.
   */
  private static boolean parameters(Method m, Map<String, String> declared, Set<String> form) {
    boolean entity = false;
    java.lang.reflect.Parameter[] params = m.getParameters();
    for (java.lang.reflect.Parameter p : params) {
      if (p.isAnnotationPresent(Context.class)) {
        continue;
      }
      if (p.isAnnotationPresent(BeanParam.class)) {
        beanParameters(p.getType(), declared);
        continue;
      }
      if (p.isAnnotationPresent(FormParam.class)) {
        form.add(p.getAnnotation(FormParam.class).value());
        entity = true;
        continue;
      }
      if (!addParameter(p, declared)) {
        entity = true;
      }
    }
    return entity;
  }

  private static void beanParameters(Class<?> bean, Map<String, String> declared) {
    for (Class<?> c = bean; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        addParameter(f, declared);
      }
      for (Method setter : c.getDeclaredMethods()) {
        addParameter(setter, declared);
      }
    }
  }

  /** Adds a {@code @PathParam}/{@code @QueryParam}/... element; false if it is none. */
  private static boolean addParameter(AnnotatedElement e, Map<String, String> declared) {
    String name;
    if (e.isAnnotationPresent(PathParam.class)) {
      name = "path:" + e.getAnnotation(PathParam.class).value();
    } else if (e.isAnnotationPresent(QueryParam.class)) {
      name = "query:" + e.getAnnotation(QueryParam.class).value();
    } else if (e.isAnnotationPresent(HeaderParam.class)) {
      String header = e.getAnnotation(HeaderParam.class).value().toLowerCase(Locale.ROOT);
      if (RESERVED_HEADERS.contains(header)) {
        return true;
      }
      name = "header:" + header;
    } else if (e.isAnnotationPresent(CookieParam.class)) {
      name = "cookie:" + e.getAnnotation(CookieParam.class).value();
    } else if (e.isAnnotationPresent(MatrixParam.class)) {
      name = "matrix:" + e.getAnnotation(MatrixParam.class).value();
    } else {
      return false;
    }
    DefaultValue d = e.getAnnotation(DefaultValue.class);
    declared.merge(name, d == null ? "" : d.value(), (a, b) -> a.isEmpty() ? b : a);
    return true;
  }

  /** The media types of {@code @Consumes} or {@code @Produces} (method, else class), bare. */
  private static Set<String> mediaTypes(
      Method m, Class<?> resource, Class<? extends Annotation> kind) {
    Annotation a =
        m.isAnnotationPresent(kind) ? m.getAnnotation(kind) : resource.getAnnotation(kind);
    String[] values =
        a == null ? new String[0] : a instanceof Consumes c ? c.value() : ((Produces) a).value();
    return Arrays.stream(values)
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT))
        .filter(v -> !v.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  // ---------------------------------------------------------------- the document

  /** The operations both in the code and in the document (the others fail another test). */
  private static Map<String, List<JavaOperation>> both() {
    Map<String, List<JavaOperation>> both = new TreeMap<>(inCode);
    both.keySet().retainAll(inDocument.keySet());
    assertThat(both).as("operations both in the code and in the document").isNotEmpty();
    return both;
  }

  private static Object extension(Operation op, String name) {
    return op.getExtensions() == null ? null : op.getExtensions().get(name);
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    assertThat(value).as("an extension that is a list").isInstanceOf(List.class);
    return ((List<?>) value).stream().map(String::valueOf).toList();
  }

  private static Map<String, ApiResponse> responses(Operation op) {
    Map<String, ApiResponse> out = new LinkedHashMap<>();
    if (op.getResponses() != null) {
      op.getResponses().forEach((status, r) -> out.put(status, deref(r)));
    }
    return out;
  }

  private static boolean isError(String status) {
    return status.startsWith("4") || status.startsWith("5");
  }

  private static Set<String> codesIn(String description) {
    Set<String> found = new TreeSet<>();
    if (description == null) {
      return found;
    }
    Matcher m = Pattern.compile("\\b[A-Z]+-\\d+\\b").matcher(description);
    while (m.find()) {
      if (codes.containsKey(m.group())) {
        found.add(m.group());
      }
    }
    return found;
  }

  private static Parameter deref(Parameter p) {
    return deref(p, Parameter::get$ref, api.getComponents().getParameters());
  }

  private static ApiResponse deref(ApiResponse r) {
    return deref(r, ApiResponse::get$ref, api.getComponents().getResponses());
  }

  private static io.swagger.v3.oas.models.parameters.RequestBody deref(
      io.swagger.v3.oas.models.parameters.RequestBody b) {
    return deref(
        b,
        io.swagger.v3.oas.models.parameters.RequestBody::get$ref,
        api.getComponents().getRequestBodies());
  }

  private static <T> T deref(T value, Function<T, String> ref, Map<String, T> components) {
    String r = ref.apply(value);
    if (r == null) {
      return value;
    }
    T target = components == null ? null : components.get(r.substring(r.lastIndexOf('/') + 1));
    assertThat(target).as("the component " + r).isNotNull();
    return target;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    return a.stream().filter(x -> !b.contains(x)).collect(Collectors.toCollection(TreeSet::new));
  }
}
