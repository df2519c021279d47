package io.agw.model.config.read;

import io.agw.model.config.ConfigErrors;
import io.agw.model.config.yaml.LocalConfigYaml;
import io.agw.model.config.yaml.PolicyFields;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads configuration text into {@link LocalConfigYaml}. First the YAML is parsed into a tree, so
 * that a syntax error is reported with its line and column; agentgateway's v1.4 layout in the tree
 * is rewritten into the {@code binds} layout ({@link LayoutNormalizer}); then the tree is bound to
 * the records, with unknown fields collected (all of them) and a wrong type reported with its path.
 * Thread-safe.
 */
public final class YamlConfigReader {

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // "8080" is not a port and "yes" is not a boolean; numbers may still be strings.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .withCoercionConfig(LogicalType.Integer, YamlConfigReader::refuseText)
          .withCoercionConfig(LogicalType.Float, YamlConfigReader::refuseText)
          .withCoercionConfig(LogicalType.Boolean, YamlConfigReader::refuseText)
          .addModule(PoliciesDeserializer.module())
          .build();

  private YamlConfigReader() {}

  private static void refuseText(MutableCoercionConfig config) {
    config.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
  }

  /**
   * Reads {@code yaml}; problems go to {@code errors}. A {@code policies} block accepts the fields
   * of {@code policies} for its place (listener, route or backend).
   *
   * @return the records, or empty when the text could not be bound at all (the reason is in {@code
   *     errors}); an empty document gives {@link LocalConfigYaml#EMPTY}
   */
  public static Optional<LocalConfigYaml> read(
      String yaml, PolicyFields policies, ConfigErrors errors) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(yaml);
    } catch (StreamReadException e) {
      errors.add("", syntaxMessage(e));
      return Optional.empty();
    } catch (JacksonException e) {
      String original = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
      errors.add(
          "",
          (original.contains("trailing token")
                  ? "only one YAML document is allowed; another one starts"
                  : "the file is not valid YAML")
              + at(e.getLocation()));
      return Optional.empty();
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return Optional.of(LocalConfigYaml.EMPTY);
    }
    if (tree instanceof ObjectNode root) {
      PathTranslation translation = LayoutNormalizer.normalize(root, errors);
      if (!translation.isEmpty()) {
        errors.translatePaths(translation);
      }
    }
    ObjectReader reader =
        MAPPER
            .readerFor(LocalConfigYaml.class)
            .withHandler(new UnknownFieldHandler(errors))
            .withAttribute(PolicyFields.class, policies);
    try {
      return Optional.of(reader.readValue(tree));
    } catch (JacksonException e) {
      String path = pathOf(e.getPath());
      String message = bindingMessage(e, nodeAt(tree, e.getPath()));
      errors.add(
          path,
          path.isEmpty()
              ? "the file must be a mapping (binds, backends, config); " + message
              : message);
      return Optional.empty();
    }
  }

  /**
   * Reads one part of a configuration written elsewhere (a field of a Kubernetes resource, as JSON
   * or YAML) into {@code type}, with the same checks as a file; problems go to {@code errors} with
   * {@code path} before their own path in the part.
   *
   * @param fields what the part's policy blocks accept (a guard's {@code policies}, ...)
   * @return the record (even with problems, so that the mapping can report its own), or empty when
   *     the text could not be bound at all
   */
  public static <T> Optional<T> readPart(
      String text, Class<T> type, PolicyFields fields, String path, ConfigErrors errors) {
    ConfigErrors own = new ConfigErrors();
    Optional<T> value = Optional.empty();
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        own.add("", "must not be empty");
      } else {
        value =
            Optional.ofNullable(
                MAPPER
                    .readerFor(type)
                    .withHandler(new UnknownFieldHandler(own))
                    .withAttribute(PolicyFields.class, fields)
                    .readValue(tree));
      }
    } catch (StreamReadException e) {
      own.add("", syntaxMessage(e));
    } catch (JacksonException e) {
      own.add(pathOf(e.getPath()), "invalid value");
    }
    for (var error : own.list()) {
      String at = error.path();
      errors.add(
          at.isEmpty() ? path : at.startsWith("[") ? path + at : path + "." + at, error.message());
    }
    return value;
  }

  private static String syntaxMessage(StreamReadException e) {
    String original = e.getOriginalMessage();
    if (original != null && original.startsWith("Duplicate Object property")) {
      return "duplicate key " + between(original, "\"") + at(e.getLocation());
    }
    if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblem() != null) {
      // The parser's own problem and mark are more precise than the location Jackson reports.
      String where =
          yaml.getProblemMark()
              .map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
              .orElse(at(e.getLocation()));
      return "YAML syntax error" + where + ": " + yaml.getProblem();
    }
    return "YAML syntax error" + at(e.getLocation());
  }

  private static String between(String text, String quote) {
    int start = text.indexOf(quote);
    int end = text.indexOf(quote, start + 1);
    return start >= 0 && end > start ? "'" + text.substring(start + 1, end) + "'" : "";
  }

  private static String at(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** The node a binding error refers to, found again in the tree; missing if it cannot be. */
  private static JsonNode nodeAt(JsonNode tree, List<JacksonException.Reference> references) {
    JsonNode node = tree;
    for (JacksonException.Reference ref : references) {
      node =
          ref.getPropertyName() != null
              ? node.path(ref.getPropertyName())
              : node.path(ref.getIndex());
    }
    return node;
  }

  private static String bindingMessage(JacksonException e, JsonNode actual) {
    if (e instanceof ValueInstantiationException
        && e.getCause() instanceof IllegalArgumentException) {
      return e.getCause().getMessage();
    }
    if (e instanceof InputCoercionException coercion && coercion.getTargetType() != null) {
      return "number out of range for " + describe(coercion.getTargetType());
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String expected = describe(mismatch.getTargetType());
      return "expected " + expected + ", got " + describe(actual);
    }
    return "invalid value";
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    return "a different kind of value";
  }

  private static String describe(JsonNode node) {
    if (node.isString()) {
      return "a string";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isNull()) {
      return "null";
    }
    return "something else";
  }

  private static String pathOf(List<JacksonException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : references) {
      if (ref.getPropertyName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
