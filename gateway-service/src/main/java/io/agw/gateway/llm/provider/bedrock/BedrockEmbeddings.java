package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.wire.WireJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI embeddings requests to the bodies of Bedrock's embedding models ({@code InvokeModel}), and
 * their answers back to OpenAI's list format. The model family is told by the model id: Amazon
 * Titan text ({@code amazon.titan-embed-*}, one input per call), Cohere ({@code cohere.embed-*}, a
 * list of inputs; {@code dimensions} only for v4) and Amazon Nova multimodal ({@code
 * amazon.nova-*}, one input). Values are 32-bit floats, as the models produce them.
 *
 * <p>Stateless and thread-safe.
 */
public final class BedrockEmbeddings {

  /** The model families served. */
  enum Family {
    TITAN,
    COHERE,
    NOVA
  }

  private BedrockEmbeddings() {}

  static Family family(String model) {
    String id = model.contains("/") ? model.substring(model.lastIndexOf('/') + 1) : model;
    // Cross-region inference profiles prefix the id with a geography ("us.", "eu.", ...).
    if (id.matches("^[a-z]{2,4}\\.(amazon|cohere)\\..*")) {
      id = id.substring(id.indexOf('.') + 1);
    }
    if (id.startsWith("cohere.embed")) {
      return Family.COHERE;
    }
    if (id.startsWith("amazon.nova")) {
      return Family.NOVA;
    }
    if (id.startsWith("amazon.titan-embed")) {
      return Family.TITAN;
    }
    throw new IllegalArgumentException("no embeddings mapping for Bedrock model " + model);
  }

  /** The InvokeModel body for an OpenAI embeddings body whose {@code model} is the Bedrock id. */
  public static ObjectNode request(JsonNode body) {
    String model = body.path("model").asString("");
    List<String> inputs = inputs(body.get("input"));
    JsonNode dimensions = body.get("dimensions");
    ObjectNode out = WireJson.nodes().objectNode();
    switch (family(model)) {
      case TITAN -> {
        out.put("inputText", single(inputs, "Titan"));
        if (dimensions != null && dimensions.isNumber()) {
          out.put("dimensions", dimensions.asInt());
        }
      }
      case COHERE -> {
        ArrayNode texts = out.putArray("texts");
        inputs.forEach(texts::add);
        out.put("input_type", "search_query");
        if (dimensions != null && dimensions.isNumber() && model.contains("embed-v4")) {
          out.put("output_dimension", dimensions.asInt());
        }
      }
      case NOVA -> {
        out.put("taskType", "SINGLE_EMBEDDING");
        ObjectNode params = out.putObject("singleEmbeddingParams");
        params.put("embeddingPurpose", "GENERIC_INDEX");
        params.put(
            "embeddingDimension",
            dimensions != null && dimensions.isNumber() ? dimensions.asInt() : 1024);
        params.putObject("text").put("truncationMode", "END").put("value", single(inputs, "Nova"));
      }
    }
    return out;
  }

  /** The OpenAI list for a model's answer. */
  public static ObjectNode response(JsonNode upstream, String model) {
    List<JsonNode> vectors = new ArrayList<>();
    long tokens = 0;
    if (upstream.has("embedding")) {
      vectors.add(upstream.get("embedding"));
      tokens = upstream.path("inputTextTokenCount").asLong(0);
    } else if (upstream.path("embeddings").isArray()) {
      for (JsonNode e : upstream.get("embeddings")) {
        // Cohere: a list of vectors; Nova: a list of {embeddingType, embedding}.
        vectors.add(e.isArray() ? e : e.path("embedding"));
      }
    } else if (upstream.path("embeddings").path("float").isArray()) {
      upstream.get("embeddings").get("float").forEach(vectors::add);
    } else {
      throw new IllegalArgumentException("not an embeddings response");
    }
    ObjectNode out = WireJson.nodes().objectNode();
    out.put("object", "list");
    out.put("model", model);
    out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    ArrayNode data = out.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject().put("index", i).put("object", "embedding");
      ArrayNode values = item.putArray("embedding");
      for (JsonNode v : vectors.get(i)) {
        values.add((double) (float) v.asDouble());
      }
    }
    return out;
  }

  /** The usage of an answer for telemetry. */
  public static TokenUsage usage(JsonNode converted, String model) {
    long tokens = converted.path("usage").path("prompt_tokens").asLong(0);
    return new TokenUsage(tokens, 0L, tokens, null, null, null, null, model);
  }

  private static List<String> inputs(JsonNode input) {
    List<String> out = new ArrayList<>();
    if (input != null && input.isString()) {
      out.add(input.asString());
    } else if (input != null && input.isArray()) {
      for (JsonNode item : input) {
        if (!item.isString()) {
          throw new IllegalArgumentException("Bedrock embeddings take text inputs only");
        }
        out.add(item.asString());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("'input' is required");
    }
    return out;
  }

  private static String single(List<String> inputs, String family) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(family + " embeds one input per request");
    }
    return inputs.get(0);
  }
}
