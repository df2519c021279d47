package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.ImageSource;
import io.agw.gateway.llm.wire.bedrock.BedrockContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic content blocks to Converse content blocks. A block marked with {@code cache_control} is
 * followed by a {@code cachePoint}; thinking without a signature is dropped (Bedrock, like
 * Anthropic, verifies replayed reasoning); images must be inline, since Converse cannot fetch URLs.
 * Stateless.
 */
final class BedrockContentConverter {

  private BedrockContentConverter() {}

  static List<BedrockContent> blocks(List<ContentBlock> blocks) {
    List<BedrockContent> out = new ArrayList<>();
    for (ContentBlock block : blocks) {
      BedrockContent converted = block(block);
      if (converted != null) {
        out.add(converted);
      }
      if (cached(block)) {
        out.add(BedrockContent.checkpoint());
      }
    }
    return out;
  }

  private static BedrockContent block(ContentBlock block) {
    if (block instanceof ContentBlock.Text t) {
      return BedrockContent.text(t.text());
    } else if (block instanceof ContentBlock.Image i) {
      return BedrockContent.image(image(i.source()));
    } else if (block instanceof ContentBlock.ToolUse t) {
      return BedrockContent.toolUse(new BedrockContent.ToolUse(t.id(), t.name(), input(t.input())));
    } else if (block instanceof ContentBlock.ToolResult r) {
      return BedrockContent.toolResult(
          new BedrockContent.ToolResult(
              r.toolUseId(),
              toolResultContent(r),
              Boolean.TRUE.equals(r.isError()) ? "error" : null));
    } else if (block instanceof ContentBlock.Thinking t) {
      if (t.signature() == null || t.signature().isEmpty()) {
        return null;
      }
      return BedrockContent.reasoning(
          new BedrockContent.ReasoningContent(
              new BedrockContent.ReasoningText(t.thinking(), t.signature()), null));
    } else if (block instanceof ContentBlock.RedactedThinking r) {
      return BedrockContent.reasoning(new BedrockContent.ReasoningContent(null, r.data()));
    }
    if (block instanceof ContentBlock.Unknown u && "document".equals(u.type())) {
      return DocumentConverter.document(u);
    }
    throw new IllegalArgumentException("Bedrock has no content block of type " + block.type());
  }

  private static List<BedrockContent.ToolResultContent> toolResultContent(
      ContentBlock.ToolResult result) {
    List<BedrockContent.ToolResultContent> out = new ArrayList<>();
    if (result.content() == null) {
      return out;
    }
    for (ContentBlock block : result.content().blocks()) {
      if (block instanceof ContentBlock.Text t) {
        out.add(new BedrockContent.ToolResultContent(t.text(), null, null));
      } else if (block instanceof ContentBlock.Image i) {
        out.add(new BedrockContent.ToolResultContent(null, null, image(i.source())));
      } else {
        throw new IllegalArgumentException("Bedrock tool results hold text and images only");
      }
    }
    return out;
  }

  /** A tool call's input is an object; arguments that were never valid JSON are parsed again. */
  private static JsonNode input(JsonNode input) {
    if (input == null || input.isNull()) {
      return WireJson.nodes().objectNode();
    }
    if (input.isString()) {
      String text = input.asString();
      if (text.isBlank()) {
        return WireJson.nodes().objectNode();
      }
      try {
        return WireJson.tree(text);
      } catch (JacksonException e) {
        throw new IllegalArgumentException("tool call arguments are not JSON");
      }
    }
    return input;
  }

  static BedrockContent.Image image(ImageSource source) {
    if (!(source instanceof ImageSource.Base64 b)) {
      throw new IllegalArgumentException("Bedrock takes inline (base64) images only");
    }
    return new BedrockContent.Image(
        imageFormat(b.mediaType()), new BedrockContent.Source(b.data(), null));
  }

  /** {@code image/png} to {@code png}; Bedrock names JPEG {@code jpeg}. */
  static String imageFormat(String mediaType) {
    String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
    String format = type.startsWith("image/") ? type.substring("image/".length()) : type;
    return format.equals("jpg") ? "jpeg" : format;
  }

  private static boolean cached(ContentBlock block) {
    Map<String, JsonNode> extra = null;
    if (block instanceof ContentBlock.Text t) {
      extra = t.extra();
    } else if (block instanceof ContentBlock.Image i) {
      extra = i.extra();
    } else if (block instanceof ContentBlock.ToolUse t) {
      extra = t.extra();
    } else if (block instanceof ContentBlock.ToolResult r) {
      extra = r.extra();
    }
    return extra != null && extra.containsKey("cache_control");
  }
}
