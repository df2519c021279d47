package io.agw.gateway.mcp.openapi;

import io.agw.gateway.mcp.openapi.ParameterBinding.Location;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps an OpenAPI 3.x document to MCP tools, one per operation. Pure: no I/O.
 *
 * <p>The input schema of a tool is a JSON Schema object whose properties are the operation's path,
 * query, header and cookie parameters (by their names) and, when the operation takes a request
 * body, a {@code body} property holding the body's own schema. A parameter whose name is already
 * taken (by another location or by {@code body}) is named {@code <in>_<name>}. Path parameters are
 * always required; others when the document says so. Header parameters named Accept, Content-Type
 * or Authorization are ignored, as OpenAPI prescribes. An operation whose required body has no
 * media type a tool can send (JSON, form, text) is skipped.
 */
public final class OpenApiToolMapper {

  private static final Set<String> IGNORED_HEADERS =
      Set.of("accept", "content-type", "authorization");

  private OpenApiToolMapper() {}

  public static OpenApiTools map(OpenAPI document) {
    SchemaInliner schemas = new SchemaInliner(document);
    ToolNames names = new ToolNames();
    List<ToolBinding> tools = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (document.getPaths() != null) {
      document
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach(
                          (method, operation) -> {
                            String where = method + " " + path;
                            try {
                              tools.add(
                                  tool(
                                      document,
                                      schemas,
                                      names,
                                      method.name(),
                                      path,
                                      item,
                                      operation));
                            } catch (Skipped e) {
                              skipped.add(where + ": " + e.getMessage());
                            }
                          }));
    }
    return new OpenApiTools(tools, skipped);
  }

  private static ToolBinding tool(
      OpenAPI document,
      SchemaInliner schemas,
      ToolNames names,
      String method,
      String path,
      PathItem item,
      Operation operation) {
    BodyBinding body = null;
    Map<String, Object> bodySchema = null;
    RequestBody requestBody = requestBody(document, operation.getRequestBody());
    if (requestBody != null && requestBody.getContent() != null) {
      Map.Entry<String, MediaType> chosen = chooseMediaType(requestBody);
      boolean required = Boolean.TRUE.equals(requestBody.getRequired());
      if (chosen == null && required) {
        throw new Skipped(
            "no request body media type a tool can send among "
                + requestBody.getContent().keySet());
      }
      if (chosen != null) {
        body = new BodyBinding(OpenApiMediaTypes.base(chosen.getKey()), required);
        bodySchema = schemas.inline(chosen.getValue().getSchema());
        if (bodySchema.isEmpty() && chosen.getKey().startsWith(OpenApiMediaTypes.TEXT)) {
          bodySchema.put("type", "string");
        }
        if (requestBody.getDescription() != null && !bodySchema.containsKey("description")) {
          bodySchema.put("description", requestBody.getDescription());
        }
      }
    }

    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    List<ParameterBinding> bindings = new ArrayList<>();
    // The body owns its name; a parameter called "body" moves aside.
    Set<String> taken = new HashSet<>();
    if (body != null) {
      taken.add(BodyBinding.ARGUMENT);
    }
    for (Parameter parameter : parameters(document, item, operation)) {
      Location location = location(parameter);
      if (location == Location.HEADER
          && IGNORED_HEADERS.contains(parameter.getName().toLowerCase(Locale.ROOT))) {
        continue;
      }
      String argument = parameter.getName();
      if (!taken.add(argument)) {
        argument = location.name().toLowerCase(Locale.ROOT) + "_" + parameter.getName();
      }
      boolean isRequired =
          location == Location.PATH || Boolean.TRUE.equals(parameter.getRequired());
      Map<String, Object> schema = schemas.inline(parameterSchema(parameter));
      if (parameter.getDescription() != null) {
        schema.put("description", parameter.getDescription());
      }
      properties.put(argument, schema);
      if (isRequired) {
        required.add(argument);
      }
      String style =
          parameter.getStyle() != null ? parameter.getStyle().toString() : location.defaultStyle();
      boolean explode =
          parameter.getExplode() != null ? parameter.getExplode() : style.equals("form");
      bindings.add(
          new ParameterBinding(
              argument, location, parameter.getName(), style, explode, isRequired));
    }

    if (body != null) {
      properties.put(BodyBinding.ARGUMENT, bodySchema);
      if (body.required()) {
        required.add(BodyBinding.ARGUMENT);
      }
    }

    Map<String, Object> inputSchema = new LinkedHashMap<>();
    inputSchema.put("type", "object");
    inputSchema.put("properties", properties);
    if (!required.isEmpty()) {
      inputSchema.put("required", required);
    }
    Tool tool =
        Tool.builder()
            .name(names.name(operation.getOperationId(), method, path))
            .description(description(method, path, operation))
            .inputSchema(inputSchema)
            .build();
    return new ToolBinding(tool, method, path, bindings, body);
  }

  private static String description(String method, String path, Operation operation) {
    String summary = blankToNull(operation.getSummary());
    String details = blankToNull(operation.getDescription());
    if (summary != null && details != null) {
      return summary + "\n\n" + details;
    }
    if (summary != null || details != null) {
      return summary != null ? summary : details;
    }
    return method + " " + path;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Path-item parameters, overridden by the operation's own of the same name and location. */
  private static List<Parameter> parameters(OpenAPI document, PathItem item, Operation operation) {
    Map<String, Parameter> byKey = new LinkedHashMap<>();
    for (List<Parameter> list : Arrays.asList(item.getParameters(), operation.getParameters())) {
      if (list != null) {
        for (Parameter p : list) {
          Parameter resolved = parameter(document, p);
          byKey.put(resolved.getIn() + ":" + resolved.getName(), resolved);
        }
      }
    }
    return new ArrayList<>(byKey.values());
  }

  private static Parameter parameter(OpenAPI document, Parameter parameter) {
    if (parameter.get$ref() == null) {
      return parameter;
    }
    String name = componentName(parameter.get$ref(), "#/components/parameters/");
    Parameter target =
        document.getComponents() == null || document.getComponents().getParameters() == null
            ? null
            : document.getComponents().getParameters().get(name);
    if (target == null) {
      throw new OpenApiException("the reference " + parameter.get$ref() + " names no parameter");
    }
    return parameter(document, target);
  }

  private static RequestBody requestBody(OpenAPI document, RequestBody body) {
    if (body == null || body.get$ref() == null) {
      return body;
    }
    String name = componentName(body.get$ref(), "#/components/requestBodies/");
    RequestBody target =
        document.getComponents() == null || document.getComponents().getRequestBodies() == null
            ? null
            : document.getComponents().getRequestBodies().get(name);
    if (target == null) {
      throw new OpenApiException("the reference " + body.get$ref() + " names no request body");
    }
    return requestBody(document, target);
  }

  private static String componentName(String ref, String prefix) {
    if (!ref.startsWith(prefix)) {
      throw new OpenApiException("the reference " + ref + " is not a local " + prefix);
    }
    return ref.substring(prefix.length());
  }

  private static Schema<?> parameterSchema(Parameter parameter) {
    if (parameter.getSchema() != null) {
      return parameter.getSchema();
    }
    if (parameter.getContent() != null && !parameter.getContent().isEmpty()) {
      return parameter.getContent().values().iterator().next().getSchema();
    }
    return null;
  }

  private static Location location(Parameter parameter) {
    String in = parameter.getIn() == null ? "" : parameter.getIn().toLowerCase(Locale.ROOT);
    return switch (in) {
      case "path" -> Location.PATH;
      case "query" -> Location.QUERY;
      case "header" -> Location.HEADER;
      case "cookie" -> Location.COOKIE;
      default ->
          throw new Skipped(
              "the parameter " + parameter.getName() + " has an unknown location '" + in + "'");
    };
  }

  private static Map.Entry<String, MediaType> chooseMediaType(RequestBody body) {
    Map.Entry<String, MediaType> best = null;
    for (Map.Entry<String, MediaType> e : body.getContent().entrySet()) {
      int rank = OpenApiMediaTypes.rank(e.getKey());
      if (rank >= 0 && (best == null || rank < OpenApiMediaTypes.rank(best.getKey()))) {
        best = e;
      }
    }
    return best;
  }

  /** Why one operation does not become a tool; the others still do. */
  private static final class Skipped extends RuntimeException {
    Skipped(String message) {
      super(message, null, false, false);
    }
  }
}
