package io.agw.gateway.admin.ui;

import io.agw.gateway.admin.SecretRedactor;
import io.agw.model.config.ConfigError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Secrets of a configuration document (the YAML file's tree) replaced by {@value
 * SecretRedactor#REDACTED} before it leaves the process, and put back when a document comes in.
 *
 * <p>Secret are: every field {@link SecretRedactor} holds secret by name (tokens, passwords, client
 * secrets, private keys, AWS keys, htpasswd, inline JWKS, Redis URLs, header values named {@code
 * Authorization}, ...) except {@code value}, which names ordinary values in the file; a {@code key}
 * of {@code backendAuth}, of an {@code apiKey} entry, {@code config.session.key}, a {@code key}
 * mapping, or a {@code key} holding a PEM private key; the {@code env} mapping of an MCP stdio
 * server; every header of {@code config.tracing.headers} (the collector's credentials); and the
 * password of any URL ({@code postgres://user:<redacted>@host/db}). File paths ({@code file}) stay.
 *
 * <p>Putting back: a value that is, or holds, {@value SecretRedactor#REDACTED} takes the live
 * document's value at the same place, where entries of lists are matched by {@code name} (binds by
 * {@code port}) before their position. Stateless.
 */
final class ConfigRedaction {

  static final String REDACTED = SecretRedactor.REDACTED;
  private static final Pattern URL_PASSWORD =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:)([^@/\\s]+)(@.*)$");

  private ConfigRedaction() {}

  /** A copy of {@code tree} with its secrets redacted. */
  static JsonNode redact(JsonNode tree) {
    if (tree == null) {
      return null;
    }
    JsonNode copy = tree.deepCopy();
    walk(copy, "");
    return copy;
  }

  private static void walk(JsonNode node, String field) {
    if (node instanceof ObjectNode object) {
      for (String name : object.propertyNames()) {
        JsonNode child = object.get(name);
        if (secret(field, name, child)) {
          object.set(name, redactAll(child));
        } else if (child.isString()) {
          object.set(name, StringNode.valueOf(redactUrl(child.asString())));
        } else {
          walk(child, name);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        if (child.isString()) {
          array.set(i, StringNode.valueOf(redactUrl(child.asString())));
        } else {
          walk(child, field);
        }
      }
    }
  }

  private static boolean secret(String parent, String name, JsonNode value) {
    String lower = name.toLowerCase(Locale.ROOT);
    String in = parent.toLowerCase(Locale.ROOT);
    if (lower.equals("value")) {
      return false;
    }
    if (SecretRedactor.isSecretName(name) && !lower.equals("apikey")) {
      return true;
    }
    if (lower.equals("key")) {
      return in.equals("backendauth")
          || in.equals("keys")
          || in.equals("session")
          || value.isObject()
          || (value.isString() && value.asString().contains("PRIVATE KEY"));
    }
    if (in.equals("tracing") && lower.equals("headers")) {
      // config.tracing.headers: the collector's credentials, whatever the header's name.
      return true;
    }
    return lower.equals("env") && value.isObject();
  }

  private static JsonNode redactAll(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String name : object.propertyNames()) {
        if (!name.equals("file")) {
          object.set(name, redactAll(object.get(name)));
        }
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redactAll(array.get(i)));
      }
      return array;
    }
    return node.isNull() ? node : StringNode.valueOf(REDACTED);
  }

  private static String redactUrl(String value) {
    Matcher m = URL_PASSWORD.matcher(value);
    return m.matches() ? m.group(1) + REDACTED + m.group(3) : value;
  }

  /**
   * Puts back into {@code submitted} (changed in place) the live value of every redacted value;
   * returns an error for each that has no live value to take.
   */
  static List<ConfigError> restore(JsonNode submitted, JsonNode live) {
    List<ConfigError> errors = new ArrayList<>();
    if (submitted != null) {
      restore(submitted, live, "", "", errors);
    }
    return errors;
  }

  private static void restore(
      JsonNode node, JsonNode live, String field, String path, List<ConfigError> errors) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> e : List.copyOf(object.properties())) {
        String name = e.getKey();
        JsonNode mine = live == null ? null : live.get(name);
        String at = path.isEmpty() ? name : path + "." + name;
        JsonNode back = putBack(e.getValue(), mine, name, at, errors);
        if (back != null) {
          object.set(name, back);
        }
      }
    } else if (node instanceof ArrayNode array) {
      String key = field.equals("binds") ? "port" : "name";
      for (int i = 0; i < array.size(); i++) {
        JsonNode entry = array.get(i);
        JsonNode mine = counterpart(entry, live, key, i);
        JsonNode back = putBack(entry, mine, field, path + "[" + i + "]", errors);
        if (back != null) {
          array.set(i, back);
        }
      }
    }
  }

  /** The value to put in place of {@code value}, or null to keep it (after restoring inside). */
  private static JsonNode putBack(
      JsonNode value, JsonNode live, String field, String path, List<ConfigError> errors) {
    if (value.isString() && value.asString().contains(REDACTED)) {
      boolean same =
          live != null
              && (value.asString().equals(REDACTED)
                  || (live.isString() && redactUrl(live.asString()).equals(value.asString())));
      if (same) {
        return live.deepCopy();
      }
      errors.add(
          new ConfigError(
              path,
              "is "
                  + REDACTED
                  + " but the live configuration has no value here to keep; write the value"));
      return null;
    }
    restore(value, live, field, path, errors);
    return null;
  }

  private static JsonNode counterpart(JsonNode entry, JsonNode live, String key, int index) {
    if (!(live instanceof ArrayNode list)) {
      return null;
    }
    JsonNode id = entry.isObject() ? entry.get(key) : null;
    if (id != null && id.isValueNode()) {
      for (JsonNode candidate : list) {
        if (candidate.isObject() && id.equals(candidate.get(key))) {
          return candidate;
        }
      }
      return null;
    }
    return index < list.size() ? list.get(index) : null;
  }
}
