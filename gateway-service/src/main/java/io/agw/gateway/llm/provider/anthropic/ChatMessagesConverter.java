package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.llm.provider.ToolArguments;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.ImageSource;
import io.agw.gateway.llm.wire.anthropic.Message;
import io.agw.gateway.llm.wire.anthropic.MessageContent;
import io.agw.gateway.llm.wire.openai.ChatContent;
import io.agw.gateway.llm.wire.openai.ChatMessage;
import io.agw.gateway.llm.wire.openai.ContentPart;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts chat completion messages to Anthropic's {@code system} and {@code messages}: system and
 * developer messages become the system prompt, tool messages become {@code tool_result} blocks in a
 * user turn, assistant tool calls become {@code tool_use} blocks. Stateless.
 */
final class ChatMessagesConverter {

  private static final String DATA_URL_PREFIX = "data:";
  private static final String BASE64_MARKER = ";base64";

  private ChatMessagesConverter() {}

  /** The system prompt: every system and developer message's text, joined by newlines. */
  static MessageContent system(List<ChatMessage> messages) {
    List<String> texts = new ArrayList<>();
    for (ChatMessage m : messages) {
      if (isSystem(m.role())) {
        texts.addAll(texts(m.content()));
      }
    }
    return texts.isEmpty() ? null : new MessageContent.Text(String.join("\n", texts));
  }

  /** The conversation without system messages, in Anthropic's turn structure. */
  static List<Message> messages(List<ChatMessage> messages) {
    List<Message> out = new ArrayList<>();
    List<ContentBlock> toolResults = new ArrayList<>();
    for (ChatMessage m : messages) {
      if ("tool".equals(m.role())) {
        toolResults.add(toolResult(m));
        continue;
      }
      // Parallel tool calls are answered in one user turn; Anthropic reads separate turns as
      // the model having been answered one call at a time.
      flushToolResults(toolResults, out);
      if (isSystem(m.role())) {
        continue;
      }
      List<ContentBlock> blocks =
          "assistant".equals(m.role()) ? assistantBlocks(m) : userBlocks(m.content());
      if (!blocks.isEmpty()) {
        out.add(new Message("assistant".equals(m.role()) ? "assistant" : "user", blocks(blocks)));
      }
    }
    flushToolResults(toolResults, out);
    return out;
  }

  private static void flushToolResults(List<ContentBlock> toolResults, List<Message> out) {
    if (!toolResults.isEmpty()) {
      out.add(new Message("user", blocks(new ArrayList<>(toolResults))));
      toolResults.clear();
    }
  }

  private static boolean isSystem(String role) {
    return "system".equals(role) || "developer".equals(role);
  }

  private static MessageContent blocks(List<ContentBlock> blocks) {
    return new MessageContent.Blocks(List.copyOf(blocks));
  }

  private static List<ContentBlock> userBlocks(ChatContent content) {
    List<ContentBlock> out = new ArrayList<>();
    if (content instanceof ChatContent.Text text) {
      addText(out, text.text());
    } else if (content instanceof ChatContent.Parts parts) {
      for (ContentPart part : parts.parts()) {
        if (part instanceof ContentPart.Text t) {
          addText(out, t.text());
        } else if (part instanceof ContentPart.ImageUrl image && image.imageUrl() != null) {
          out.add(new ContentBlock.Image(imageSource(image.imageUrl().url())));
        }
        // Audio and file parts have no Messages equivalent on this path and are dropped.
      }
    }
    return out;
  }

  private static List<ContentBlock> assistantBlocks(ChatMessage m) {
    List<ContentBlock> out = new ArrayList<>();
    // Anthropic verifies the signature of replayed thinking; unsigned reasoning cannot be replayed.
    if (m.reasoningSignature() != null && !m.reasoningSignature().isEmpty()) {
      out.add(
          new ContentBlock.Thinking(
              m.reasoningContent() == null ? "" : m.reasoningContent(), m.reasoningSignature()));
    }
    for (String text : texts(m.content())) {
      addText(out, text);
    }
    if (m.refusal() != null) {
      addText(out, m.refusal());
    }
    if (m.toolCalls() != null) {
      for (ToolCall call : m.toolCalls()) {
        String name = call.function() == null ? null : call.function().name();
        String arguments = call.function() == null ? null : call.function().arguments();
        out.add(new ContentBlock.ToolUse(call.id(), name, ToolArguments.parse(arguments)));
      }
    }
    return out;
  }

  private static ContentBlock toolResult(ChatMessage m) {
    MessageContent content;
    if (m.content() instanceof ChatContent.Parts) {
      List<ContentBlock> blocks = new ArrayList<>();
      for (String text : texts(m.content())) {
        blocks.add(new ContentBlock.Text(text));
      }
      content = blocks(blocks);
    } else {
      List<String> texts = texts(m.content());
      content = new MessageContent.Text(texts.isEmpty() ? "" : texts.get(0));
    }
    return new ContentBlock.ToolResult(m.toolCallId(), content);
  }

  private static List<String> texts(ChatContent content) {
    List<String> out = new ArrayList<>();
    if (content instanceof ChatContent.Text text) {
      out.add(text.text());
    } else if (content instanceof ChatContent.Parts parts) {
      for (ContentPart part : parts.parts()) {
        if (part instanceof ContentPart.Text t && t.text() != null) {
          out.add(t.text());
        }
      }
    }
    return out;
  }

  private static void addText(List<ContentBlock> out, String text) {
    // Anthropic rejects empty text blocks.
    if (text != null && !text.isBlank()) {
      out.add(new ContentBlock.Text(text));
    }
  }

  /** A {@code data:<type>;base64,<data>} URL becomes inline bytes; anything else a URL source. */
  static ImageSource imageSource(String url) {
    if (url != null && url.startsWith(DATA_URL_PREFIX)) {
      int comma = url.indexOf(',');
      if (comma > 0) {
        String meta = url.substring(DATA_URL_PREFIX.length(), comma);
        if (meta.toLowerCase(java.util.Locale.ROOT).endsWith(BASE64_MARKER)) {
          String params = meta.substring(0, meta.length() - BASE64_MARKER.length());
          int semicolon = params.indexOf(';');
          String mediaType = semicolon < 0 ? params : params.substring(0, semicolon);
          return new ImageSource.Base64(mediaType, url.substring(comma + 1));
        }
      }
    }
    return new ImageSource.Url(url);
  }
}
