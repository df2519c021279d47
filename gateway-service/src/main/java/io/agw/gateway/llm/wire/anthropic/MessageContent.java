package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Content that the Messages API accepts either as a plain string or as a list of blocks (message
 * content, {@code system}, tool result content). The form read is the form written back.
 */
@JsonDeserialize(using = MessageContent.Reader.class)
public sealed interface MessageContent {

  /** The content as blocks; a plain string becomes one text block. */
  List<ContentBlock> blocks();

  /** Content given as a plain string. */
  record Text(String text) implements MessageContent {
    @JsonValue
    public String value() {
      return text;
    }

    @Override
    public List<ContentBlock> blocks() {
      return List.of(new ContentBlock.Text(text));
    }
  }

  /** Content given as a list of blocks. */
  record Blocks(List<ContentBlock> blocks) implements MessageContent {
    @JsonValue
    public List<ContentBlock> value() {
      return blocks;
    }
  }

  /** Reads either form. */
  final class Reader extends ValueDeserializer<MessageContent> {
    @Override
    public MessageContent deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonNode node = ctxt.readTree(p);
      if (node.isString()) {
        return new Text(node.asString());
      }
      List<ContentBlock> blocks =
          ctxt.readTreeAsValue(
              node, ctxt.getTypeFactory().constructCollectionType(List.class, ContentBlock.class));
      return new Blocks(blocks);
    }
  }
}
