package io.agw.gateway.llm;

import io.agw.gateway.llm.wire.WireJson;
import tools.jackson.databind.JsonNode;

/** The text a client assembles from a chat completions, Messages or Responses event stream. */
final class StreamedText {

  private StreamedText() {}

  static String of(String sse) {
    StringBuilder text = new StringBuilder();
    for (String event : sse.split("\n\n")) {
      for (String line : event.split("\n")) {
        if (line.startsWith("data: {")) {
          JsonNode data = WireJson.tree(line.substring(6));
          for (JsonNode choice : data.path("choices")) {
            text.append(choice.path("delta").path("content").asString(""));
          }
          if (data.path("type").asString("").equals("content_block_delta")) {
            text.append(data.path("delta").path("text").asString(""));
          }
          if (data.path("type").asString("").equals("response.output_text.delta")) {
            text.append(data.path("delta").asString(""));
          }
        }
      }
    }
    return text.toString();
  }
}
