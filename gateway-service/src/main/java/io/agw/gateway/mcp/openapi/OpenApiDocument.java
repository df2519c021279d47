package io.agw.gateway.mcp.openapi;

import io.agw.model.resource.v1.DataSource;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads OpenAPI 3.x documents (JSON or YAML) with swagger-parser. References are left in place for
 * {@link SchemaInliner} and {@link OpenApiToolMapper}, which follow only local ones: nothing is
 * fetched over the network while a configuration loads. Thread-safe (stateless).
 */
public final class OpenApiDocument {

  private static final Logger log = LoggerFactory.getLogger(OpenApiDocument.class);

  private OpenApiDocument() {}

  static String title(OpenAPI document) {
    return document.getInfo() != null && document.getInfo().getTitle() != null
        ? document.getInfo().getTitle()
        : "(untitled)";
  }

  /** The document of a target's {@code schema} data source (inline text or a file). */
  public static OpenAPI load(DataSource source) {
    return switch (source.getSourceCase()) {
      case INLINE -> parse(source.getInline());
      case FILE -> {
        try {
          yield parse(Files.readString(Path.of(source.getFile()), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new OpenApiException("cannot read the OpenAPI document " + source.getFile());
        }
      }
      case SOURCE_NOT_SET -> throw new OpenApiException("the OpenAPI schema is empty");
    };
  }

  /** Parses a document; problems the parser reports refuse it, with its messages. */
  public static OpenAPI parse(String text) {
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
    OpenAPI document = result.getOpenAPI();
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    if (document == null || document.getOpenapi() == null) {
      throw new OpenApiException(
          "not an OpenAPI 3.x document" + (messages.isEmpty() ? "" : ": " + messages));
    }
    // The parser also reports what a lenient reader can live with (a missing info.license):
    // those are logged, and a broken reference still fails when the tools are mapped.
    if (!messages.isEmpty()) {
      log.warn("OpenAPI document {}: {}", title(document), String.join("; ", messages));
    }
    return document;
  }

  /**
   * The path of the document's first server URL ({@code /api/v1} of {@code
   * https://example.com/api/v1}), without a trailing slash; empty when there is none.
   */
  public static String serverPath(OpenAPI document) {
    List<Server> servers = document.getServers();
    if (servers == null || servers.isEmpty() || servers.get(0).getUrl() == null) {
      return "";
    }
    try {
      String path = new URI(servers.get(0).getUrl()).getRawPath();
      return path == null ? "" : path.replaceAll("/+$", "");
    } catch (URISyntaxException e) {
      // A templated server URL ({scheme}://...) has no usable path here.
      return "";
    }
  }
}
