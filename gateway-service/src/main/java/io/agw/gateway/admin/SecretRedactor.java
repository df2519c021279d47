package io.agw.gateway.admin;

import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces secret values in a resource's JSON form before it leaves the process (config dump, admin
 * API). A field is secret by name; file paths are kept since they are not secrets. The resource
 * field {@code key} is an identifier when it is a string and a private key when it is a data source
 * object. File paths and JWKS URLs inside a secret are kept: they say where a secret is, not what.
 */
public final class SecretRedactor {

  public static final String REDACTED = "<redacted>";

  private static final Set<String> SECRET_NAMES =
      Set.of(
          "password",
          "secret",
          "token",
          "apikey",
          "api_key",
          "authorization",
          // An OTLP collector's backendAuth key (OtlpTarget.bearer).
          "bearer",
          "credentials",
          // A Google credential JSON (backendAuth.gcp) holds a private key.
          "credential",
          "clientsecret",
          "client_secret",
          "privatekey",
          "private_key",
          // backendAuth.jwtSign's PEM private key.
          "signingkey",
          "signing_key",
          "value",
          // AWS SigV4 keys (backendAuth aws).
          "accesskeyid",
          "secretaccesskey",
          "sessiontoken",
          // API keys (the whole apiKey policy: keys, hashes and metadata), htpasswd databases,
          // inline JWKS (only public keys are accepted, but a dump is no place to check that)
          // and Redis URLs, which may carry a password.
          "htpasswd",
          "jwks",
          "redisurl",
          "redis_url");

  private SecretRedactor() {}

  /** Whether a field of this name holds a secret wherever it appears (case-insensitive). */
  public static boolean isSecretName(String name) {
    return SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Redacts {@code node} in place and returns it. */
  public static JsonNode redact(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String name : object.propertyNames()) {
        JsonNode child = object.get(name);
        String lower = name.toLowerCase(Locale.ROOT);
        // A "key" object is a private key or credential source; an "env" object is the environment
        // of an MCP stdio server, which often carries API keys (a string "env" names a variable).
        boolean secret =
            SECRET_NAMES.contains(lower)
                || (lower.equals("key") || lower.equals("env")) && child.isObject();
        if (secret) {
          object.set(name, redactAll(child));
        } else {
          redact(child);
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(SecretRedactor::redact);
    }
    return node;
  }

  private static JsonNode redactAll(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (String name : object.propertyNames()) {
        if (!name.equals("file") && !name.equals("url")) {
          object.set(name, redactAll(object.get(name)));
        }
      }
      return object;
    }
    if (node.isArray()) {
      var array = (tools.jackson.databind.node.ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redactAll(array.get(i)));
      }
      return array;
    }
    return node.isNull() ? node : tools.jackson.databind.node.StringNode.valueOf(REDACTED);
  }
}
