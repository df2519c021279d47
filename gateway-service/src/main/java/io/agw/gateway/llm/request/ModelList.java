package io.agw.gateway.llm.request;

import io.agw.gateway.llm.backend.AiAdjustments;
import io.agw.gateway.llm.backend.LlmBackend;
import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code GET /v1/models} from the configuration, in OpenAI's list format: the model names
 * the route's providers serve (wildcards left out, pinned models when a provider serves any name)
 * and the route's exact aliases. Stateless.
 */
public final class ModelList {

  private ModelList() {}

  static byte[] body(LlmBackend llm, AiAdjustments adjustments) {
    ObjectNode list = WireJson.nodes().objectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    java.util.Set<String> ids = new java.util.LinkedHashSet<>(llm.modelIds());
    ids.addAll(adjustments.exactAliases().keySet().stream().sorted().toList());
    for (String id : ids) {
      ObjectNode model = data.addObject();
      model.put("id", id);
      model.put("object", "model");
      model.put("created", 0);
      model.put(
          "owned_by",
          llm.choose(adjustments.alias(id))
              .map(p -> p.kind().adapter().telemetryName(p.config()))
              .orElse("agw"));
    }
    return WireJson.write(list).getBytes(StandardCharsets.UTF_8);
  }

  static Mono<Void> write(ServerHttpResponse response, LlmBackend llm, AiAdjustments adjustments) {
    byte[] body = body(llm, adjustments);
    response.setStatusCode(HttpStatus.OK);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }
}
