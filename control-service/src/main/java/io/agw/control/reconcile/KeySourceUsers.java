package io.agw.control.reconcile;

import io.agw.control.crd.AgentgatewayPolicy;
import io.agw.control.crd.ApiKeyAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;

/**
 * Whether a Secret or ConfigMap is a source of API keys for an AgentgatewayPolicy's {@code
 * traffic.apiKeyAuthentication}: named by its {@code secretRef}, or carrying every label of its
 * {@code secretSelector} / {@code configMapSelector}, in the policy's namespace. The informers ask
 * this of the object before and after a change, so an object relabelled out of a selector (or
 * deleted) re-translates as well as one relabelled in. Pure.
 */
final class KeySourceUsers {

  private KeySourceUsers() {}

  static boolean selects(HasMetadata object, List<AgentgatewayPolicy> policies) {
    if (object == null || object.getMetadata() == null) {
      return false;
    }
    String ns = object.getMetadata().getNamespace();
    for (AgentgatewayPolicy p : policies) {
      var traffic = p.getSpec() == null ? null : p.getSpec().getTraffic();
      ApiKeyAuthentication keys = traffic == null ? null : traffic.getApiKeyAuthentication();
      if (keys == null || !ns.equals(p.getMetadata().getNamespace())) {
        continue;
      }
      if (object instanceof Secret) {
        if (keys.getSecretRef() != null
            && object.getMetadata().getName().equals(keys.getSecretRef().getName())) {
          return true;
        }
        if (keys.getSecretSelector() != null
            && hasLabels(object, keys.getSecretSelector().getMatchLabels())) {
          return true;
        }
      } else if (object instanceof ConfigMap
          && keys.getConfigMapSelector() != null
          && hasLabels(object, keys.getConfigMapSelector().getMatchLabels())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasLabels(HasMetadata object, Map<String, String> wanted) {
    Map<String, String> labels = object.getMetadata().getLabels();
    if (wanted == null || wanted.isEmpty() || labels == null) {
      return false;
    }
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
