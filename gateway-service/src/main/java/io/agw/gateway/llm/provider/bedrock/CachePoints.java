package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.wire.bedrock.BedrockContent;
import io.agw.gateway.llm.wire.bedrock.BedrockMessage;
import io.agw.gateway.llm.wire.bedrock.BedrockTool;
import io.agw.gateway.llm.wire.bedrock.ConverseRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Bedrock accepts at most four cache points per request; as agentgateway, the first four are kept
 * in the order system, messages, tools, and the others removed. Pure and stateless.
 */
final class CachePoints {

  static final int MAX = 4;

  private CachePoints() {}

  static ConverseRequest limit(ConverseRequest request) {
    int[] left = {MAX};
    List<BedrockContent> system = request.system() == null ? null : blocks(request.system(), left);
    List<BedrockMessage> messages = null;
    if (request.messages() != null) {
      messages = new ArrayList<>();
      for (BedrockMessage m : request.messages()) {
        messages.add(new BedrockMessage(m.role(), blocks(m.content(), left)));
      }
    }
    ConverseRequest.ToolConfig tools = request.toolConfig();
    if (tools != null && tools.tools() != null) {
      List<BedrockTool> kept = new ArrayList<>();
      for (BedrockTool t : tools.tools()) {
        if (t.cachePoint() == null || left[0]-- > 0) {
          kept.add(t);
        }
      }
      tools = new ConverseRequest.ToolConfig(kept, tools.toolChoice());
    }
    return new ConverseRequest(
        messages,
        system,
        request.inferenceConfig(),
        tools,
        request.additionalModelRequestFields(),
        request.outputConfig(),
        request.extra());
  }

  /** How many cache points {@code request} has. */
  static int count(ConverseRequest request) {
    int n = 0;
    if (request.system() != null) {
      n += (int) request.system().stream().filter(c -> c.cachePoint() != null).count();
    }
    if (request.messages() != null) {
      for (BedrockMessage m : request.messages()) {
        n += (int) m.content().stream().filter(c -> c.cachePoint() != null).count();
      }
    }
    if (request.toolConfig() != null && request.toolConfig().tools() != null) {
      n += (int) request.toolConfig().tools().stream().filter(t -> t.cachePoint() != null).count();
    }
    return n;
  }

  private static List<BedrockContent> blocks(List<BedrockContent> content, int[] left) {
    List<BedrockContent> out = new ArrayList<>();
    for (BedrockContent c : content) {
      if (c.cachePoint() == null || left[0]-- > 0) {
        out.add(c);
      }
    }
    return out;
  }
}
