package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI Responses stream to an OpenAI client, unchanged; the usage comes from the final {@code
 * response.completed} (or {@code incomplete} / {@code failed}) event.
 *
 * <p>Not a {@link io.agw.gateway.llm.provider.MappedStream}: it forwards each upstream event's own
 * text unchanged and only reads the final event for the usage.
 */
public final class ResponsesStream extends StreamTranslator {

  private static final Set<String> FINAL =
      Set.of("response.completed", "response.incomplete", "response.failed", "error");

  /**
   * The events that carry generated text in {@code delta}: answer, reasoning summary, arguments.
   */
  private static final Set<String> DELTAS =
      Set.of(
          "response.output_text.delta",
          "response.reasoning_summary_text.delta",
          "response.reasoning_text.delta",
          "response.function_call_arguments.delta");

  private TokenUsage usage = TokenUsage.NONE;

  public ResponsesStream() {
    super(Dialect.OPENAI);
  }

  @Override
  public TokenUsage usage() {
    return usage;
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    if (event.isDone()) {
      complete();
    } else {
      JsonNode data = WireJson.tree(event.data());
      String type = event.event() != null ? event.event() : data.path("type").asString("");
      if (DELTAS.contains(type)) {
        streamed(data.path("delta").asString("").length());
      }
      if (FINAL.contains(type)) {
        usage = ResponsesUsage.of(data.path("response"));
        complete();
      }
    }
    out.add(SseWriter.write(event));
  }
}
