package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.llm.provider.ToolArguments;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.gemini.Content;
import io.agw.gateway.llm.wire.gemini.Part;
import io.agw.gateway.llm.wire.openai.ChatContent;
import io.agw.gateway.llm.wire.openai.ChatMessage;
import io.agw.gateway.llm.wire.openai.ContentPart;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Converts OpenAI chat messages into Gemini turns and a system instruction.
 *
 * <p>Conventions: {@code system} and {@code developer} messages become parts of the system
 * instruction; {@code assistant} is {@code model}; a run of {@code tool} messages becomes one
 * {@code user} turn of {@code functionResponse} parts (Gemini answers parallel calls in one turn),
 * each named after its call (looked up by {@code tool_call_id} when the message has no {@code
 * name}) with the result as {@code {"content": <text>}}; images given as {@code data:} URLs are
 * sent inline, other URLs as {@code fileData} with the MIME type guessed from the extension.
 * Reasoning text and thought signatures of earlier assistant turns are replayed as thought parts; a
 * tool call's signature travels as {@code extra_content.google.thought_signature}, the field
 * Gemini's own OpenAI-compatible endpoint uses. Stateless.
 */
final class GeminiContents {

  /** The converted conversation. */
  record Result(List<Content> contents, Content systemInstruction) {}

  private GeminiContents() {}

  static Result convert(List<ChatMessage> messages) {
    List<Content> contents = new ArrayList<>();
    List<Part> system = new ArrayList<>();
    Map<String, String> callNames = new HashMap<>();
    List<Part> toolResults = null;
    for (ChatMessage m : messages == null ? List.<ChatMessage>of() : messages) {
      String role = m.role() == null ? "user" : m.role();
      if (!role.equals("tool") && toolResults != null) {
        contents.add(Content.of("user", toolResults));
        toolResults = null;
      }
      switch (role) {
        case "system", "developer" -> system.addAll(textParts(m.content()));
        case "assistant" -> {
          List<Part> parts = assistantParts(m, callNames);
          if (!parts.isEmpty()) {
            contents.add(Content.of("model", parts));
          }
        }
        case "tool" -> {
          if (toolResults == null) {
            toolResults = new ArrayList<>();
          }
          String name = m.name() != null ? m.name() : callNames.get(m.toolCallId());
          JsonNode response = WireJson.nodes().objectNode().put("content", text(m.content()));
          toolResults.add(
              new Part(
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  new Part.FunctionResponse(null, name, response, null),
                  null));
        }
        default -> contents.add(Content.of("user", userParts(m.content())));
      }
    }
    if (toolResults != null) {
      contents.add(Content.of("user", toolResults));
    }
    return new Result(contents, system.isEmpty() ? null : new Content(null, system, null));
  }

  private static List<Part> assistantParts(ChatMessage m, Map<String, String> callNames) {
    List<Part> parts = new ArrayList<>();
    if (m.reasoningContent() != null && !m.reasoningContent().isEmpty()) {
      parts.add(Part.thought(m.reasoningContent(), m.reasoningSignature()));
    }
    parts.addAll(textParts(m.content()));
    if (m.toolCalls() != null) {
      for (ToolCall call : m.toolCalls()) {
        if (call.function() == null) {
          continue;
        }
        callNames.put(call.id(), call.function().name());
        parts.add(
            new Part(
                null,
                null,
                thoughtSignature(call),
                null,
                null,
                new Part.FunctionCall(
                    null, call.function().name(), args(call.function().arguments()), null),
                null,
                null));
      }
    }
    return parts;
  }

  private static JsonNode args(String arguments) {
    JsonNode parsed = ToolArguments.parse(arguments);
    // Gemini's args is an object; arguments cut off mid-way are sent as what was produced.
    return parsed.isObject() ? parsed : WireJson.nodes().objectNode().set("value", parsed);
  }

  private static String thoughtSignature(ToolCall call) {
    if (call.extra() == null || !call.extra().containsKey("extra_content")) {
      return null;
    }
    JsonNode sig = call.extra().get("extra_content").path("google").path("thought_signature");
    return sig.isString() ? sig.asString() : null;
  }

  private static List<Part> userParts(ChatContent content) {
    if (!(content instanceof ChatContent.Parts parts)) {
      return textParts(content);
    }
    List<Part> out = new ArrayList<>();
    for (ContentPart p : parts.parts()) {
      if (p instanceof ContentPart.Text t) {
        out.add(Part.text(t.text()));
      } else if (p instanceof ContentPart.ImageUrl i) {
        if (i.imageUrl() != null && i.imageUrl().url() != null) {
          out.add(media(i.imageUrl().url()));
        }
      } else if (p instanceof ContentPart.Unknown u) {
        file(u).ifPresent(out::add);
      }
    }
    return out;
  }

  /** A {@code file} part with inline {@code file_data}; other unknown parts have no equivalent. */
  private static java.util.Optional<Part> file(ContentPart.Unknown part) {
    if (!"file".equals(part.type()) || part.extra() == null) {
      return java.util.Optional.empty();
    }
    JsonNode data =
        part.extra().getOrDefault("file", WireJson.nodes().nullNode()).path("file_data");
    return data.isString()
        ? java.util.Optional.of(media(data.asString()))
        : java.util.Optional.empty();
  }

  static Part media(String url) {
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      String meta = url.substring(5, comma < 0 ? url.length() : comma);
      String mime = meta.endsWith(";base64") ? meta.substring(0, meta.length() - 7) : meta;
      String data = comma < 0 ? "" : url.substring(comma + 1);
      return new Part(
          null, null, null, new Part.Blob(normalizeMime(mime), data, null), null, null, null, null);
    }
    return new Part(
        null, null, null, null, new Part.FileData(mimeFromName(url), url, null), null, null, null);
  }

  private static String normalizeMime(String mime) {
    String m = mime.toLowerCase(Locale.ROOT);
    return m.equals("image/jpg") ? "image/jpeg" : m;
  }

  private static String mimeFromName(String url) {
    String path = url.toLowerCase(Locale.ROOT);
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    if (path.endsWith(".png")) {
      return "image/png";
    }
    if (path.endsWith(".gif")) {
      return "image/gif";
    }
    if (path.endsWith(".webp")) {
      return "image/webp";
    }
    if (path.endsWith(".pdf")) {
      return "application/pdf";
    }
    return "image/jpeg";
  }

  private static List<Part> textParts(ChatContent content) {
    List<Part> out = new ArrayList<>();
    if (content instanceof ChatContent.Text t) {
      if (!t.text().isEmpty()) {
        out.add(Part.text(t.text()));
      }
    } else if (content instanceof ChatContent.Parts parts) {
      for (ContentPart p : parts.parts()) {
        if (p instanceof ContentPart.Text t) {
          out.add(Part.text(t.text()));
        }
      }
    }
    return out;
  }

  static String text(ChatContent content) {
    if (content instanceof ChatContent.Text t) {
      return t.text();
    }
    StringBuilder sb = new StringBuilder();
    if (content instanceof ChatContent.Parts parts) {
      for (ContentPart p : parts.parts()) {
        if (p instanceof ContentPart.Text t) {
          sb.append(t.text());
        }
      }
    }
    return sb.toString();
  }
}
