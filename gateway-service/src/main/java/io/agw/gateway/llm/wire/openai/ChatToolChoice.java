package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * {@code tool_choice}: a mode string ({@code auto}, {@code none}, {@code required}) or an object
 * naming one function.
 */
@JsonDeserialize(using = ChatToolChoice.Reader.class)
public sealed interface ChatToolChoice {

  /** A mode: {@code auto}, {@code none} or {@code required}. */
  record Mode(String mode) implements ChatToolChoice {
    @JsonValue
    public String value() {
      return mode;
    }
  }

  /** {@code {"type":"function","function":{"name":...}}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonDeserialize(using = ValueDeserializer.None.class)
  record Named(
      String type, FunctionName function, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ChatToolChoice {
    /** Forces the function {@code name}. */
    public static Named function(String name) {
      return new Named("function", new FunctionName(name), null);
    }

    /** The forced function's name, or null when the object names none. */
    @JsonIgnore
    public String name() {
      return function == null ? null : function.name();
    }
  }

  /** The name of the forced function. */
  record FunctionName(String name) {}

  /** Reads either form. */
  final class Reader extends ValueDeserializer<ChatToolChoice> {
    @Override
    public ChatToolChoice deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonNode node = ctxt.readTree(p);
      if (node.isString()) {
        return new Mode(node.asString());
      }
      return ctxt.readTreeAsValue(node, Named.class);
    }
  }
}
