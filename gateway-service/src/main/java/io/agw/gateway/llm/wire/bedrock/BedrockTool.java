package io.agw.gateway.llm.wire.bedrock;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/** A tool (a union: {@code toolSpec} or a {@code cachePoint} after the tools). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BedrockTool(ToolSpec toolSpec, BedrockContent.CachePoint cachePoint) {

  /** A function the model may call; {@code inputSchema.json} is its JSON schema. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ToolSpec(String name, String description, InputSchema inputSchema) {}

  /** The schema wrapper Bedrock expects. */
  public record InputSchema(JsonNode json) {}
}
