package io.agw.control.translate;

import io.agw.control.crd.ApiKeyAuthentication;
import io.agw.model.cel.CelDeclarations;
import io.agw.model.resource.v1.ApiKey;
import io.agw.model.resource.v1.ApiKeyAuth;
import io.agw.model.resource.v1.AuthMode;
import io.agw.model.resource.v1.CredentialLocation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The keys of an AgentgatewayPolicy's {@code traffic.apiKeyAuthentication}, read from the Secrets
 * and ConfigMaps of the cluster view: one Secret by name ({@code secretRef}), or every Secret
 * ({@code secretSelector}) or ConfigMap ({@code configMapSelector}) of the policy's namespace that
 * carries all the given labels. Every entry is read by {@link ApiKeyEntry}.
 *
 * <p>A problem in the policy itself (no source or several, an unsupported ref kind, a bad location)
 * throws {@link IllegalArgumentException}: the policy is then refused whole, as any invalid policy.
 * A problem in the data (a missing Secret, an unusable entry) is returned with the keys that are
 * usable: the policy keeps authenticating with those, and a bad entry authenticates no one, so a
 * broken entry never turns authentication off. Keys are sorted by hash and de-duplicated, so the
 * output depends only on the set of keys. Pure.
 */
final class ApiKeySources {

  /** What a policy's sources gave: the gateway policy and the problems, which name no value. */
  record Result(ApiKeyAuth auth, List<String> problems) {
    @Override
    public String toString() {
      return "ApiKeySources.Result[" + auth.getKeysCount() + " keys, problems=" + problems + "]";
    }
  }

  private final List<Secret> secrets;
  private final List<ConfigMap> configMaps;

  ApiKeySources(List<Secret> secrets, List<ConfigMap> configMaps) {
    this.secrets = secrets;
    this.configMaps = configMaps;
  }

  /**
   * @param path the field's path, for messages ({@code spec.traffic.apiKeyAuthentication})
   * @param namespace the policy's namespace: the only one its sources are read from
   */
  Result resolve(String path, String namespace, ApiKeyAuthentication spec) {
    ApiKeyAuth.Builder auth = ApiKeyAuth.newBuilder().setMode(mode(spec.getMode()));
    if (spec.getLocation() != null) {
      auth.setLocation(location(path + ".location", spec.getLocation()));
    }
    int sources =
        (spec.getSecretRef() == null ? 0 : 1)
            + (spec.getSecretSelector() == null ? 0 : 1)
            + (spec.getConfigMapSelector() == null ? 0 : 1);
    if (sources != 1) {
      throw new IllegalArgumentException(
          path + ": set exactly one of secretRef, secretSelector, configMapSelector");
    }
    // Source name -> its entries, in a fixed order (by kind, name, entry).
    Map<String, Map<String, String>> data = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    boolean rawAllowed = true;
    if (spec.getSecretRef() != null) {
      var ref = spec.getSecretRef();
      if (ref.getName() == null || ref.getName().isBlank()) {
        throw new IllegalArgumentException(path + ".secretRef: name is required");
      }
      boolean coreSecret =
          (ref.getGroup() == null || ref.getGroup().isEmpty())
              && (ref.getKind() == null
                  || ref.getKind().isEmpty()
                  || "Secret".equals(ref.getKind()));
      if (!coreSecret) {
        throw new IllegalArgumentException(
            path + ".secretRef: only a core Secret is supported, not " + ref.getKind());
      }
      Secret secret = find(secrets, namespace, ref.getName());
      if (secret == null) {
        problems.add("Secret " + namespace + "/" + ref.getName() + " does not exist");
      } else {
        data.put("Secret " + namespace + "/" + ref.getName(), SecretRefs.values(secret));
      }
    } else if (spec.getSecretSelector() != null) {
      Map<String, String> labels = labels(path + ".secretSelector", spec.getSecretSelector());
      for (Secret s : selected(secrets, namespace, labels)) {
        data.put("Secret " + namespace + "/" + s.getMetadata().getName(), SecretRefs.values(s));
      }
    } else {
      Map<String, String> labels = labels(path + ".configMapSelector", spec.getConfigMapSelector());
      rawAllowed = false;
      for (ConfigMap c : selected(configMaps, namespace, labels)) {
        Map<String, String> values = new TreeMap<>();
        if (c.getData() != null) {
          c.getData().forEach((k, v) -> values.put(k, v == null ? "" : v));
        }
        if (c.getBinaryData() != null) {
          c.getBinaryData().keySet().forEach(k -> values.put(k, null));
        }
        data.put("ConfigMap " + namespace + "/" + c.getMetadata().getName(), values);
      }
    }
    Map<String, ApiKey> byHash = new TreeMap<>();
    for (var source : data.entrySet()) {
      for (var entry : new TreeMap<>(source.getValue()).entrySet()) {
        String where = source.getKey() + " contains invalid key " + entry.getKey() + ": ";
        if (entry.getValue() == null) {
          problems.add(where + "binaryData is not read; use data");
          continue;
        }
        ApiKeyEntry.Parsed parsed = ApiKeyEntry.parse(entry.getValue(), rawAllowed);
        if (parsed instanceof ApiKeyEntry.Key k) {
          byHash.putIfAbsent(k.key().getSha256(), k.key());
        } else if (parsed instanceof ApiKeyEntry.Problem p) {
          problems.add(where + p.message());
        }
      }
    }
    auth.addAllKeys(byHash.values());
    return new Result(auth.build(), List.copyOf(problems));
  }

  private static AuthMode mode(ApiKeyAuthentication.Mode mode) {
    if (mode == null) {
      return AuthMode.AUTH_MODE_STRICT; // the CRD's default
    }
    return switch (mode) {
      case STRICT -> AuthMode.AUTH_MODE_STRICT;
      case OPTIONAL -> AuthMode.AUTH_MODE_OPTIONAL;
      case PERMISSIVE -> AuthMode.AUTH_MODE_PERMISSIVE;
    };
  }

  private static CredentialLocation location(
      String path, ApiKeyAuthentication.CredentialLocation l) {
    int set =
        (l.getHeader() == null ? 0 : 1)
            + (l.getQueryParameter() == null ? 0 : 1)
            + (l.getCookie() == null ? 0 : 1)
            + (l.getExpression() == null ? 0 : 1);
    if (set != 1) {
      throw new IllegalArgumentException(
          path + ": set exactly one of header, queryParameter, cookie, expression");
    }
    CredentialLocation.Builder b = CredentialLocation.newBuilder();
    if (l.getHeader() != null) {
      b.setHeader(
          CredentialLocation.Header.newBuilder()
              .setName(required(path + ".header.name", l.getHeader().getName()))
              .setPrefix(Objects.requireNonNullElse(l.getHeader().getPrefix(), "")));
    } else if (l.getQueryParameter() != null) {
      b.setQueryParameter(required(path + ".queryParameter.name", l.getQueryParameter().getName()));
    } else if (l.getCookie() != null) {
      b.setCookie(required(path + ".cookie.name", l.getCookie().getName()));
    } else {
      CelDeclarations.check(l.getExpression())
          .ifPresent(
              error -> {
                throw new IllegalArgumentException(path + ".expression: " + error);
              });
      b.setExpression(l.getExpression());
    }
    return b.build();
  }

  private static String required(String path, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(path + ": is required");
    }
    return value;
  }

  private static Map<String, String> labels(
      String path, ApiKeyAuthentication.LabelSelector selector) {
    if (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
      // An empty selector would select every Secret of the namespace: refused, not guessed.
      throw new IllegalArgumentException(path + ".matchLabels: at least one label is required");
    }
    return selector.getMatchLabels();
  }

  private static <T extends HasMetadata> T find(List<T> objects, String namespace, String name) {
    return objects.stream()
        .filter(
            o ->
                namespace.equals(o.getMetadata().getNamespace())
                    && name.equals(o.getMetadata().getName()))
        .findFirst()
        .orElse(null);
  }

  /** The objects of {@code namespace} carrying every label of {@code labels}, by name. */
  static <T extends HasMetadata> List<T> selected(
      List<T> objects, String namespace, Map<String, String> labels) {
    return objects.stream()
        .filter(o -> namespace.equals(o.getMetadata().getNamespace()))
        .filter(o -> matches(o, labels))
        .sorted(Comparator.comparing(o -> o.getMetadata().getName()))
        .toList();
  }

  static boolean matches(HasMetadata object, Map<String, String> labels) {
    Map<String, String> has = object.getMetadata().getLabels();
    if (labels == null || labels.isEmpty() || has == null) {
      return false;
    }
    return labels.entrySet().stream().allMatch(e -> e.getValue().equals(has.get(e.getKey())));
  }
}
