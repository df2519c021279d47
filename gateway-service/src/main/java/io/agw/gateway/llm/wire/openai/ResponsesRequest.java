package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /v1/responses}, typed only as far as routing and pass-through need: the model
 * (which the gateway may rewrite) and whether the client streams. Everything else round-trips.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponsesRequest(
    String model, Boolean stream, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
