package io.agw.control.reconcile;

import io.agw.control.crd.AgentgatewayBackend;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.List;
import java.util.Objects;

/**
 * Whether a Secret is referred to by an AgentgatewayBackend (an AI backend's API key) or a Gateway
 * listener ({@code tls.certificateRefs}): only then does its change concern the translation. Pure.
 */
final class SecretUsers {

  private SecretUsers() {}

  static boolean referenced(Secret secret, List<AgentgatewayBackend> backends, List<Gateway> gws) {
    String ns = secret.getMetadata().getNamespace();
    String name = secret.getMetadata().getName();
    for (AgentgatewayBackend b : backends) {
      var ai = b.getSpec() == null ? null : b.getSpec().getAi();
      var ref = ai == null || ai.getApiKey() == null ? null : ai.getApiKey().getSecretRef();
      if (ref != null
          && name.equals(ref.getName())
          && ns.equals(
              Objects.requireNonNullElse(ref.getNamespace(), b.getMetadata().getNamespace()))) {
        return true;
      }
    }
    for (Gateway g : gws) {
      if (g.getSpec() == null || g.getSpec().getListeners() == null) {
        continue;
      }
      for (var l : g.getSpec().getListeners()) {
        if (l.getTls() == null || l.getTls().getCertificateRefs() == null) {
          continue;
        }
        for (var ref : l.getTls().getCertificateRefs()) {
          if (name.equals(ref.getName())
              && ns.equals(
                  Objects.requireNonNullElse(ref.getNamespace(), g.getMetadata().getNamespace()))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
