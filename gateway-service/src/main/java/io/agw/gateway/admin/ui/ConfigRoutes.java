package io.agw.gateway.admin.ui;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.PUT;

import io.agw.gateway.admin.api.AdminApiErrors;
import io.agw.gateway.admin.api.AdminApiException;
import io.agw.gateway.config.ConfigDocuments;
import io.agw.gateway.config.ConfigEditor;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.GatewaySettings.StorageMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/config}: the live document with secrets redacted ({@code GET}), validation ({@code
 * POST /validate}), writes ({@code PUT}, per {@code config.storage.mode}) and removal of the hybrid
 * overlay ({@code DELETE /overlay}). A document sent in may carry {@value ConfigRedaction#REDACTED}
 * where the live document has a secret: the secret is kept. Without a file source (control-plane
 * mode) the document is not available and writes answer 409. Calls that block (files, the database,
 * applying) run on Reactor's bounded elastic scheduler.
 */
final class ConfigRoutes {

  private static final Logger log = LoggerFactory.getLogger(ConfigRoutes.class);
  static final String BASE = "/api/v1/config";

  /** The editor of the file source, or null in control-plane mode. */
  private final ConfigEditor editor;

  ConfigRoutes(ConfigEditor editor) {
    this.editor = editor;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route(GET(BASE), this::get)
        .andRoute(POST(BASE + "/validate"), this::validate)
        .andRoute(PUT(BASE), this::put)
        .andRoute(DELETE(BASE + "/overlay"), this::deleteOverlay);
  }

  private Mono<ServerResponse> get(ServerRequest request) {
    return blocking(this::document)
        .flatMap(
            body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body))
        .onErrorResume(AdminApiErrors::handle);
  }

  private Map<String, Object> document() throws ConfigException {
    Map<String, Object> out = new LinkedHashMap<>();
    if (editor == null) {
      out.put("source", "controlPlane");
      out.put("path", null);
      out.put("storage", "readOnly");
      out.put("writable", false);
      out.put("yaml", null);
      out.put("overlay", null);
      return out;
    }
    out.put("source", editor.source());
    out.put("path", editor.path() == null ? null : editor.path().toString());
    out.put("storage", storageName(editor.storage()));
    out.put("writable", editor.writable());
    out.put("yaml", redacted(editor.liveDocument()));
    String overlay = editor.overlayDocument();
    out.put("overlay", overlay == null ? null : redacted(overlay));
    return out;
  }

  static String storageName(StorageMode mode) {
    return switch (mode) {
      case FILE -> "file";
      case HYBRID -> "hybrid";
      case READ_ONLY -> "readOnly";
    };
  }

  private static String redacted(String yaml) throws ConfigException {
    return ConfigDocuments.print(
        ConfigRedaction.redact(ConfigDocuments.parse("the configuration", yaml)));
  }

  private Mono<ServerResponse> validate(ServerRequest request) {
    return request
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .flatMap(yaml -> blocking(() -> problems(yaml)))
        .flatMap(
            errors ->
                ServerResponse.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(
                        Map.of(
                            "valid",
                            errors.isEmpty(),
                            "errors",
                            errors.stream().map(ErrorView::of).toList())))
        .onErrorResume(AdminApiErrors::handle);
  }

  /** The document with its redacted values put back, or the problems of doing so. */
  private record Restored(String yaml, List<ConfigError> errors) {}

  private Restored restore(String yaml) {
    if (editor == null || !yaml.contains(ConfigRedaction.REDACTED)) {
      return new Restored(yaml, List.of());
    }
    try {
      JsonNode submitted = ConfigDocuments.parse("the configuration", yaml);
      JsonNode live = ConfigDocuments.parse("the live configuration", editor.liveDocument());
      List<ConfigError> errors = ConfigRedaction.restore(submitted, live);
      return new Restored(ConfigDocuments.print(submitted), errors);
    } catch (ConfigException e) {
      return new Restored(yaml, e.errors());
    }
  }

  private List<ConfigError> problems(String yaml) {
    if (editor == null) {
      throw notWritable("the gateway takes its configuration from the control plane (xDS)");
    }
    Restored restored = restore(yaml);
    if (!restored.errors().isEmpty()) {
      return restored.errors();
    }
    return editor.validate(restored.yaml());
  }

  private Mono<ServerResponse> put(ServerRequest request) {
    return request
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .flatMap(
            yaml ->
                blocking(
                    () -> {
                      if (yaml.isBlank()) {
                        throw AdminApiException.invalid(
                            "body", "is empty: send the YAML document to apply");
                      }
                      return write(() -> editor.put(restored(yaml)));
                    }))
        .flatMap(this::answer)
        .onErrorResume(AdminApiErrors::handle);
  }

  private Mono<ServerResponse> deleteOverlay(ServerRequest request) {
    return blocking(() -> write(() -> editor.deleteOverlay()))
        .flatMap(this::answer)
        .onErrorResume(AdminApiErrors::handle);
  }

  /** A write's outcome: the version that runs it, or the errors that refused it. */
  private record Outcome(long version, List<ConfigError> errors) {}

  private String restored(String yaml) {
    Restored restored = restore(yaml);
    if (!restored.errors().isEmpty()) {
      throw new RefusedDocument(restored.errors());
    }
    return restored.yaml();
  }

  /** Redacted values without a live value: refused before the editor sees the document. */
  private static final class RefusedDocument extends RuntimeException {
    private final transient List<ConfigError> errors;

    RefusedDocument(List<ConfigError> errors) {
      super(null, null, false, false);
      this.errors = errors;
    }
  }

  private Outcome write(Callable<Long> change) throws Exception {
    if (editor == null) {
      throw notWritable(
          "the gateway takes its configuration from the control plane (xDS): change it there");
    }
    try {
      long version = change.call();
      log.info("configuration version {} applied through the admin API", version);
      return new Outcome(version, null);
    } catch (ConfigEditor.RefusedException e) {
      return new Outcome(0, e.errors());
    } catch (RefusedDocument e) {
      return new Outcome(0, e.errors);
    } catch (ConfigEditor.NotWritableException e) {
      throw notWritable(e.getMessage());
    }
  }

  private Mono<ServerResponse> answer(Outcome outcome) {
    if (outcome.errors() == null) {
      return ServerResponse.ok()
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("applied", true, "version", outcome.version()));
    }
    String first = outcome.errors().isEmpty() ? "" : ": " + outcome.errors().get(0);
    return ServerResponse.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "error",
                Map.of(
                    "type",
                    "invalid_config",
                    "message",
                    "the configuration was refused ("
                        + outcome.errors().size()
                        + " errors)"
                        + first),
                "errors",
                outcome.errors().stream().map(ErrorView::of).toList()));
  }

  private static AdminApiException notWritable(String message) {
    return new AdminApiException(HttpStatus.CONFLICT, "not_writable", message);
  }

  private static <T> Mono<T> blocking(Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }
}
