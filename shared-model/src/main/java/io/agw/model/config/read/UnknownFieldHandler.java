package io.agw.model.config.read;

import io.agw.model.config.ConfigErrors;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;

/**
 * Records every unknown field as an error and skips its value, so that one read reports all of
 * them. A field that agentgateway's schema knows for the same definition is reported as "not
 * supported yet"; any other gets the closest supported name as a suggestion. One instance per read.
 */
final class UnknownFieldHandler extends DeserializationProblemHandler {

  private final ConfigErrors errors;

  UnknownFieldHandler(ConfigErrors errors) {
    this.errors = errors;
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt,
      JsonParser p,
      ValueDeserializer<?> deserializer,
      Object beanOrClass,
      String propertyName) {
    String path = pathOf(ctxt, p, propertyName);
    Class<?> type = deserializer.handledType();
    if (AgentgatewayFields.isKnown(type, propertyName)) {
      errors.add(path, unsupported(propertyName));
    } else {
      List<String> supported = new ArrayList<>();
      for (Object known : deserializer.getKnownPropertyNames()) {
        supported.add(known.toString());
      }
      String message = "unknown field '" + propertyName + "'";
      message +=
          FieldSuggestions.closest(propertyName, supported)
              .map(s -> "; did you mean '" + s + "'?")
              .orElse("");
      errors.add(path, message);
    }
    p.skipChildren();
    return true;
  }

  /** The message for a field agentgateway has and this gateway does not. */
  static String unsupported(String name) {
    return "'" + name + "' is an agentgateway field that this gateway does not support yet";
  }

  /**
   * The path of {@code propertyName} in the object being read, for example {@code
   * binds[0].listeners[1].name}. Records are built through their constructors, so Jackson buffers
   * unknown properties and replays them from a separate parser once the object has been read; the
   * main parser then sits just after the object, where its context is the object's own path.
   */
  static String pathOf(DeserializationContext ctxt, JsonParser p, String propertyName) {
    if (p != ctxt.getParser()) {
      String objectPath = pathOf(ctxt.getParser().streamReadContext());
      return objectPath.isEmpty() ? propertyName : objectPath + "." + propertyName;
    }
    TokenStreamContext holder = p.streamReadContext();
    while (holder != null && !(holder.inObject() && propertyName.equals(holder.currentName()))) {
      holder = holder.getParent();
    }
    return holder == null ? propertyName : pathOf(holder);
  }

  private static String pathOf(TokenStreamContext context) {
    List<String> segments = new ArrayList<>();
    for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.currentName() != null) {
        segments.add(c.currentName());
      }
    }
    StringBuilder path = new StringBuilder();
    for (int i = segments.size() - 1; i >= 0; i--) {
      String segment = segments.get(i);
      if (!segment.startsWith("[") && path.length() > 0) {
        path.append('.');
      }
      path.append(segment);
    }
    return path.toString();
  }
}
