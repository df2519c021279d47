package io.agw.gateway.llm.provider.openai;

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
 * Converts Anthropic {@code system} and {@code messages} to chat completion messages: {@code
 * tool_result} blocks become {@code tool} messages (placed before the rest of their user turn,
 * since they must follow the assistant's calls), {@code tool_use} blocks become {@code tool_calls},
 * thinking becomes {@code reasoning_content}. {@code cache_control} has no equivalent and is
 * dropped. Stateless.
 */
final class MessagesConverter {

  private MessagesConverter() {}

  static List<ChatMessage> toChatMessages(MessageContent system, List<Message> messages) {
    List<ChatMessage> out = new ArrayList<>();
    if (system != null) {
      ChatContent content =
          system instanceof MessageContent.Text t ? new ChatContent.Text(t.text()) : parts(system);
      out.add(ChatMessage.of("system", content));
    }
    for (Message m : messages == null ? List.<Message>of() : messages) {
      List<ContentBlock> blocks = m.content() == null ? List.of() : m.content().blocks();
      if ("assistant".equals(m.role())) {
        addAssistant(out, blocks);
      } else if ("system".equals(m.role())) {
        // Not in the Messages spec, but clients send it; keep it a system message.
        out.add(ChatMessage.of("system", parts(m.content())));
      } else {
        addUser(out, blocks);
      }
    }
    return out;
  }

  private static void addUser(List<ChatMessage> out, List<ContentBlock> blocks) {
    List<ContentPart> parts = new ArrayList<>();
    for (ContentBlock block : blocks) {
      if (block instanceof ContentBlock.ToolResult r) {
        out.add(
            new ChatMessage(
                "tool",
                toolContent(r.content()),
                null,
                null,
                r.toolUseId(),
                null,
                null,
                null,
                null));
      } else if (block instanceof ContentBlock.Text t) {
        parts.add(new ContentPart.Text(t.text()));
      } else if (block instanceof ContentBlock.Image i) {
        ContentPart image = imagePart(i.source());
        if (image != null) {
          parts.add(image);
        }
      }
      // Documents, search results and server tool blocks have no chat completion form.
    }
    if (!parts.isEmpty()) {
      out.add(ChatMessage.of("user", new ChatContent.Parts(parts)));
    }
  }

  private static void addAssistant(List<ChatMessage> out, List<ContentBlock> blocks) {
    StringBuilder text = new StringBuilder();
    List<String> thinking = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    for (ContentBlock block : blocks) {
      if (block instanceof ContentBlock.Text t) {
        text.append(t.text());
      } else if (block instanceof ContentBlock.Thinking t) {
        thinking.add(t.thinking());
        signatures.add(t.signature());
      } else if (block instanceof ContentBlock.ToolUse t) {
        calls.add(ToolCall.function(t.id(), t.name(), ToolArguments.write(t.input())));
      }
      // Redacted thinking holds nothing another engine could replay.
    }
    if (text.length() == 0 && calls.isEmpty() && thinking.isEmpty()) {
      return;
    }
    // A signature vouches for one block, so it survives only a turn with exactly one.
    String signature = signatures.size() == 1 ? signatures.get(0) : null;
    out.add(
        new ChatMessage(
            "assistant",
            text.length() == 0 ? null : new ChatContent.Text(text.toString()),
            null,
            calls.isEmpty() ? null : calls,
            null,
            thinking.isEmpty() ? null : String.join("\n\n", thinking),
            signature == null || signature.isEmpty() ? null : signature,
            null,
            null));
  }

  private static ChatContent toolContent(MessageContent content) {
    if (content == null) {
      return new ChatContent.Text("");
    }
    if (content instanceof MessageContent.Text t) {
      return new ChatContent.Text(t.text());
    }
    return parts(content);
  }

  private static ChatContent.Parts parts(MessageContent content) {
    List<ContentPart> parts = new ArrayList<>();
    // A message without content (a "system" message of a client that omits it) has no parts.
    for (ContentBlock block : content == null ? List.<ContentBlock>of() : content.blocks()) {
      if (block instanceof ContentBlock.Text t) {
        parts.add(new ContentPart.Text(t.text()));
      }
    }
    return new ChatContent.Parts(parts);
  }

  private static ContentPart imagePart(ImageSource source) {
    if (source instanceof ImageSource.Base64 b) {
      return new ContentPart.ImageUrl("data:" + b.mediaType() + ";base64," + b.data());
    } else if (source instanceof ImageSource.Url u) {
      return new ContentPart.ImageUrl(u.url());
    }
    return null;
  }
}
