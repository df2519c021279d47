package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /v1/embeddings}, typed only as far as pass-through needs: the model and the
 * input (a string, a list of strings, or token arrays). Everything else round-trips.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingsRequest(
    String model, JsonNode input, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
