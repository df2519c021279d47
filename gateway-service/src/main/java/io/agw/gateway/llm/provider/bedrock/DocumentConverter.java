package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.bedrock.BedrockContent;
import io.agw.gateway.llm.wire.bedrock.BedrockMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic {@code document} blocks (inline base64) as Converse documents. Converse wants a format
 * ({@code pdf}, {@code csv}, {@code doc}, {@code docx}, {@code xls}, {@code xlsx}, {@code html},
 * {@code txt}, {@code md}), told by the media type or else the file name's extension, and a name
 * that is unique in the request: the title without its extension, {@code document} without one, and
 * {@code "name [2]"} for a repeat. Stateless.
 */
final class DocumentConverter {

  private static final Map<String, String> FORMATS =
      Map.of(
          "application/pdf", "pdf",
          "text/csv", "csv",
          "text/plain", "txt",
          "text/markdown", "md",
          "text/html", "html",
          "application/msword", "doc",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
          "application/vnd.ms-excel", "xls",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

  private static final Set<String> EXTENSIONS =
      Set.of("pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt", "md");

  private DocumentConverter() {}

  static BedrockContent document(ContentBlock.Unknown block) {
    Map<String, JsonNode> extra = block.extra() == null ? Map.of() : block.extra();
    JsonNode source = extra.get("source");
    if (source == null || !"base64".equals(source.path("type").asString(""))) {
      throw new IllegalArgumentException("Bedrock takes inline (base64) documents only");
    }
    String title = extra.containsKey("title") ? extra.get("title").asString("") : "";
    String mediaType = source.path("media_type").asString("").toLowerCase(Locale.ROOT);
    int dot = title.lastIndexOf('.');
    String extension = dot < 0 ? "" : title.substring(dot + 1).toLowerCase(Locale.ROOT);
    String format = FORMATS.get(mediaType);
    if (format == null && EXTENSIONS.contains(extension)) {
      format = extension;
    }
    if (format == null) {
      throw new IllegalArgumentException("Bedrock has no document format for " + mediaType);
    }
    String name = dot < 0 ? title : title.substring(0, dot);
    return BedrockContent.document(
        new BedrockContent.Document(
            format,
            name.isBlank() ? "document" : name,
            new BedrockContent.Source(source.path("data").asString(""), null)));
  }

  /** The messages with every document name unique (Converse refuses repeats). */
  static List<BedrockMessage> uniqueNames(List<BedrockMessage> messages) {
    Set<String> seen = new HashSet<>();
    List<BedrockMessage> out = new ArrayList<>(messages.size());
    for (BedrockMessage m : messages) {
      List<BedrockContent> content = new ArrayList<>(m.content().size());
      for (BedrockContent c : m.content()) {
        if (c.document() == null) {
          content.add(c);
          continue;
        }
        String name = c.document().name();
        for (int n = 2; !seen.add(name); n++) {
          name = c.document().name() + " [" + n + "]";
        }
        content.add(
            BedrockContent.document(
                new BedrockContent.Document(c.document().format(), name, c.document().source())));
      }
      out.add(new BedrockMessage(m.role(), content));
    }
    return out;
  }
}
