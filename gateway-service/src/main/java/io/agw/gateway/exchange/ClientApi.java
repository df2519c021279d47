package io.agw.gateway.exchange;

import io.agw.model.resource.v1.AiRouteType;

/**
 * The front door a client called, told apart by the request path (or the route's {@code routes}
 * policy). Each has the dialect of its bodies and the OpenTelemetry GenAI operation name.
 */
public enum ClientApi {
  COMPLETIONS("/chat/completions", Dialect.OPENAI, "chat"),
  MESSAGES("/messages", Dialect.ANTHROPIC, "chat"),
  COUNT_TOKENS("/messages/count_tokens", Dialect.ANTHROPIC, "count_tokens"),
  RESPONSES("/responses", Dialect.OPENAI, "chat"),
  EMBEDDINGS("/embeddings", Dialect.OPENAI, "embeddings"),
  MODELS("/models", Dialect.OPENAI, "models"),
  PASSTHROUGH("", Dialect.OPENAI, "passthrough");

  private final String suffix;
  private final Dialect dialect;
  private final String operation;

  ClientApi(String suffix, Dialect dialect, String operation) {
    this.suffix = suffix;
    this.dialect = dialect;
    this.operation = operation;
  }

  /** The path after the API prefix ({@code /v1}), as providers name the endpoint. */
  public String suffix() {
    return suffix;
  }

  /** The format of request and response bodies; errors go back in this format. */
  public Dialect dialect() {
    return dialect;
  }

  /** {@code gen_ai.operation.name}. */
  public String operation() {
    return operation;
  }

  /** Whether the body is JSON that names a model. */
  public boolean hasModelBody() {
    return this != MODELS && this != PASSTHROUGH;
  }

  /** The default classification of a request path, used when the route sets no {@code routes}. */
  public static ClientApi forPath(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (p.endsWith("/chat/completions")) {
      return COMPLETIONS;
    }
    if (p.endsWith("/messages/count_tokens")) {
      return COUNT_TOKENS;
    }
    if (p.endsWith("/messages")) {
      return MESSAGES;
    }
    if (p.endsWith("/responses")) {
      return RESPONSES;
    }
    if (p.endsWith("/embeddings")) {
      return EMBEDDINGS;
    }
    if (p.endsWith("/models")) {
      return MODELS;
    }
    return PASSTHROUGH;
  }

  /** The API of a configured route type. */
  public static ClientApi of(AiRouteType type) {
    return switch (type) {
      case AI_ROUTE_COMPLETIONS -> COMPLETIONS;
      case AI_ROUTE_MESSAGES -> MESSAGES;
      case AI_ROUTE_MODELS -> MODELS;
      case AI_ROUTE_RESPONSES -> RESPONSES;
      case AI_ROUTE_EMBEDDINGS -> EMBEDDINGS;
      case AI_ROUTE_ANTHROPIC_TOKEN_COUNT -> COUNT_TOKENS;
      case AI_ROUTE_PASSTHROUGH, AI_ROUTE_TYPE_UNSPECIFIED, UNRECOGNIZED -> PASSTHROUGH;
    };
  }
}
