package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.provider.ToolArguments;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.ImageSource;
import io.agw.gateway.llm.wire.anthropic.Message;
import io.agw.gateway.llm.wire.anthropic.MessageContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code input} of an OpenAI Responses request as Anthropic messages (which the Converse mapper
 * then takes): messages with text, image and file parts, function calls and their outputs. System
 * and developer messages go to {@code system}; reasoning items are dropped (they hold another
 * provider's encrypted state). Files become Anthropic {@code document} blocks, titled with their
 * file name. Stateless.
 */
final class ResponsesInputConverter {

  private ResponsesInputConverter() {}

  /** The conversation of {@code input}; system texts are added to {@code system}. */
  static List<Message> messages(JsonNode input, List<ContentBlock> system) {
    List<Message> out = new ArrayList<>();
    if (input == null || input.isNull()) {
      return out;
    }
    if (input.isString()) {
      out.add(new Message("user", new MessageContent.Text(input.asString())));
      return out;
    }
    for (JsonNode item : input) {
      String type = item.path("type").asString("message");
      switch (type) {
        case "message" -> {
          String role = item.path("role").asString("user");
          List<ContentBlock> blocks = parts(item.get("content"));
          if (role.equals("system") || role.equals("developer")) {
            system.addAll(blocks);
          } else {
            out.add(new Message(role, new MessageContent.Blocks(blocks)));
          }
        }
        case "function_call" ->
            out.add(
                new Message(
                    "assistant",
                    new MessageContent.Blocks(
                        List.of(
                            new ContentBlock.ToolUse(
                                item.path("call_id").asString(),
                                item.path("name").asString(),
                                ToolArguments.parse(item.path("arguments").asString("")))))));
        case "function_call_output" ->
            out.add(
                new Message(
                    "user",
                    new MessageContent.Blocks(
                        List.of(
                            new ContentBlock.ToolResult(
                                item.path("call_id").asString(),
                                new MessageContent.Text(output(item.get("output"))))))));
        case "reasoning" -> {}
        default -> throw new IllegalArgumentException("unsupported input item " + type);
      }
    }
    return out;
  }

  private static String output(JsonNode output) {
    return output == null ? "" : output.isString() ? output.asString() : WireJson.write(output);
  }

  private static List<ContentBlock> parts(JsonNode content) {
    List<ContentBlock> out = new ArrayList<>();
    if (content == null || content.isNull()) {
      return out;
    }
    if (content.isString()) {
      out.add(new ContentBlock.Text(content.asString()));
      return out;
    }
    for (JsonNode part : content) {
      String type = part.path("type").asString("");
      switch (type) {
        case "input_text", "output_text" ->
            out.add(new ContentBlock.Text(part.path("text").asString("")));
        case "input_image" ->
            out.add(new ContentBlock.Image(image(part.path("image_url").asString(""))));
        case "input_file" -> out.add(document(part));
        default -> throw new IllegalArgumentException("unsupported content part " + type);
      }
    }
    return out;
  }

  private static ImageSource image(String url) {
    DataUrl data = DataUrl.parse(url);
    return data == null
        ? new ImageSource.Url(url)
        : new ImageSource.Base64(data.mediaType(), data.data());
  }

  private static ContentBlock document(JsonNode part) {
    String url = part.path("file_data").asString(part.path("file_url").asString(""));
    DataUrl data = DataUrl.parse(url);
    if (data == null) {
      throw new IllegalArgumentException("Bedrock takes inline (data URL) files only");
    }
    ObjectNode source = WireJson.nodes().objectNode();
    source.put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
    Map<String, JsonNode> extra = new java.util.LinkedHashMap<>();
    extra.put("source", source);
    if (part.path("filename").isString()) {
      extra.put("title", part.get("filename"));
    }
    return new ContentBlock.Unknown("document", extra);
  }

  /** A {@code data:<type>;base64,<data>} URL. */
  record DataUrl(String mediaType, String data) {
    static DataUrl parse(String url) {
      if (url == null || !url.startsWith("data:")) {
        return null;
      }
      int comma = url.indexOf(',');
      int base64 = url.indexOf(";base64");
      if (comma < 0 || base64 < 0 || base64 > comma) {
        return null;
      }
      return new DataUrl(url.substring("data:".length(), base64), url.substring(comma + 1));
    }
  }
}
