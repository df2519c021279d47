package io.agw.control.translate;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks up Kubernetes Secrets for the translator, honouring ReferenceGrants for references into
 * another namespace. Values are returned to be put inline in the resources sent to gateways; they
 * are never put in a status message, an exception message or a log line (messages name the Secret
 * and the key only). Pure: reads the Secrets of the cluster view.
 */
final class SecretRefs {

  /** A secret's values, or why it cannot be used (a status reason and a message). */
  sealed interface Lookup {}

  /** The Secret's type and decoded values; {@link #toString()} names only the keys. */
  record Found(String namespace, String name, String type, Map<String, String> values)
      implements Lookup {
    @Override
    public String toString() {
      return "Secret " + namespace + "/" + name + " (keys " + values.keySet() + ")";
    }
  }

  /** A reference that cannot be used: a condition reason and a message without any value. */
  record Problem(String reason, String message) implements Lookup {}

  private final Map<String, Secret> secrets = new HashMap<>();
  private final ReferenceGrants grants;

  SecretRefs(List<Secret> secrets, ReferenceGrants grants) {
    for (Secret s : secrets) {
      this.secrets.put(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s);
    }
    this.grants = grants;
  }

  /**
   * The Secret {@code namespace/name} as referred to from {@code from}.
   *
   * @param notFoundReason the reason to report when the Secret does not exist
   */
  Lookup lookup(ReferenceGrants.Ref from, String namespace, String name, String notFoundReason) {
    String what = "Secret " + namespace + "/" + name;
    if (!grants.allows(from, new ReferenceGrants.Ref("", "Secret", namespace), name)) {
      return new Problem(
          "RefNotPermitted",
          what + " is in another namespace and no ReferenceGrant there allows it");
    }
    Secret secret = secrets.get(namespace + "/" + name);
    if (secret == null) {
      return new Problem(notFoundReason, what + " does not exist");
    }
    String type = secret.getType() == null ? "Opaque" : secret.getType();
    return new Found(namespace, name, type, values(secret));
  }

  /** A Secret's decoded values by key; a value that is not base64 is read as empty. */
  static Map<String, String> values(Secret secret) {
    Map<String, String> values = new HashMap<>();
    // The API server returns data (base64); stringData appears only in objects not yet stored
    // (test inputs, mock servers), and wins there as it would on write.
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) -> {
                if (v != null) {
                  values.put(k, decode(v));
                }
              });
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> values.put(k, v == null ? "" : v));
    }
    return Map.copyOf(values);
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return ""; // not base64: treated as empty, reported as a missing value by the caller
    }
  }
}
