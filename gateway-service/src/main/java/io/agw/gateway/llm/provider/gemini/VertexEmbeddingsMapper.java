package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.llm.wire.WireJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates OpenAI embeddings requests into Vertex AI's {@code predict} form ({@code instances} of
 * {@code content} with a {@code task_type}, {@code RETRIEVAL_QUERY} unless the client names one,
 * and its {@code title}; {@code parameters} with {@code outputDimensionality} from {@code
 * dimensions} and {@code autoTruncate} from {@code auto_truncate}), and the {@code predictions}
 * back into OpenAI's list, with the usage summed from each prediction's {@code
 * statistics.token_count}. Stateless and thread-safe.
 */
public final class VertexEmbeddingsMapper {

  /** The {@code predict} body for an OpenAI embeddings body. */
  public ObjectNode toPredict(JsonNode request) {
    ObjectNode out = WireJson.nodes().objectNode();
    ArrayNode instances = out.putArray("instances");
    JsonNode taskType = request.path("task_type");
    for (String text : GeminiEmbeddingsMapper.inputs(request.path("input"))) {
      ObjectNode i = instances.addObject();
      i.put("content", text);
      i.put("task_type", taskType.isString() ? taskType.asString() : "RETRIEVAL_QUERY");
      if (request.path("title").isString()) {
        i.put("title", request.get("title").asString());
      }
    }
    ObjectNode parameters = WireJson.nodes().objectNode();
    if (request.path("auto_truncate").isBoolean()) {
      parameters.put("autoTruncate", request.get("auto_truncate").asBoolean());
    }
    if (request.path("dimensions").isNumber()) {
      parameters.put("outputDimensionality", request.get("dimensions").asInt());
    }
    if (!parameters.isEmpty()) {
      out.set("parameters", parameters);
    }
    return out;
  }

  /** The OpenAI embeddings body for a {@code predict} answer. */
  public ObjectNode toOpenAi(JsonNode response, String model) {
    List<JsonNode> vectors = new ArrayList<>();
    long tokens = 0;
    for (JsonNode p : response.path("predictions")) {
      JsonNode e = p.path("embeddings");
      vectors.add(e.path("values"));
      tokens += e.path("statistics").path("token_count").asLong(0);
    }
    return GeminiEmbeddingsMapper.list(vectors, model, tokens);
  }
}
