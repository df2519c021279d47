package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/** Message content: a plain string or a list of parts. The form read is the form written back. */
@JsonDeserialize(using = ChatContent.Reader.class)
public sealed interface ChatContent {

  /** Content given as a plain string. */
  record Text(String text) implements ChatContent {
    @JsonValue
    public String value() {
      return text;
    }
  }

  /** Content given as a list of parts. */
  record Parts(List<ContentPart> parts) implements ChatContent {
    @JsonValue
    public List<ContentPart> value() {
      return parts;
    }
  }

  /** Reads either form. */
  final class Reader extends ValueDeserializer<ChatContent> {
    @Override
    public ChatContent deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonNode node = ctxt.readTree(p);
      if (node.isString()) {
        return new Text(node.asString());
      }
      List<ContentPart> parts =
          ctxt.readTreeAsValue(
              node, ctxt.getTypeFactory().constructCollectionType(List.class, ContentPart.class));
      return new Parts(parts);
    }
  }
}
