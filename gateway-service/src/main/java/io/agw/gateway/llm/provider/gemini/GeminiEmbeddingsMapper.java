package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.llm.wire.WireJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates OpenAI embeddings requests into Gemini's {@code batchEmbedContents} (one request per
 * input text, each naming {@code models/<model>}) and its answer back into OpenAI's list format.
 * {@code dimensions} becomes {@code outputDimensionality}; Gemini's own {@code task_type} and
 * {@code title}, when the client adds them, are passed on. Gemini reports no token usage for
 * embeddings, so the usage is zero. Stateless and thread-safe.
 */
public final class GeminiEmbeddingsMapper {

  /** The {@code batchEmbedContents} body for an OpenAI embeddings body. */
  public ObjectNode toBatchEmbed(JsonNode request, String model) {
    ObjectNode out = WireJson.nodes().objectNode();
    ArrayNode requests = out.putArray("requests");
    for (String text : inputs(request.path("input"))) {
      ObjectNode r = requests.addObject();
      r.put("model", "models/" + model);
      r.putObject("content").putArray("parts").addObject().put("text", text);
      copy(request, "task_type", r, "taskType");
      copy(request, "title", r, "title");
      copy(request, "dimensions", r, "outputDimensionality");
    }
    return out;
  }

  /** The OpenAI embeddings body for a {@code batchEmbedContents} answer. */
  public ObjectNode toOpenAi(JsonNode response, String model) {
    List<JsonNode> vectors = new ArrayList<>();
    for (JsonNode e : response.path("embeddings")) {
      vectors.add(e.path("values"));
    }
    return list(vectors, model, 0);
  }

  /** OpenAI's embeddings list for {@code vectors}. */
  public static ObjectNode list(List<JsonNode> vectors, String model, long tokens) {
    ObjectNode out = WireJson.nodes().objectNode();
    out.put("object", "list");
    ArrayNode data = out.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      item.set("embedding", vectors.get(i));
    }
    out.put("model", model);
    out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return out;
  }

  /** The input texts: a string or a list of strings (token arrays have no Gemini equivalent). */
  public static List<String> inputs(JsonNode input) {
    List<String> out = new ArrayList<>();
    if (input.isString()) {
      out.add(input.asString());
    } else if (input.isArray()) {
      for (JsonNode item : input) {
        if (!item.isString()) {
          throw new IllegalArgumentException("only text inputs can be embedded by this provider");
        }
        out.add(item.asString());
      }
    } else {
      throw new IllegalArgumentException("'input' must be a string or a list of strings");
    }
    return out;
  }

  private static void copy(JsonNode from, String field, ObjectNode to, String as) {
    JsonNode v = from.get(field);
    if (v != null && !v.isNull()) {
      to.set(as, v);
    }
  }
}
