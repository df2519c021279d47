package io.agw.control.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo;
import java.util.List;
import java.util.Objects;

/**
 * Gateway API's ReferenceGrant check: an object may refer to one in another namespace only when a
 * ReferenceGrant in the target's namespace allows its (group, kind, namespace) to refer to the
 * target's (group, kind[, name]). Pure.
 */
final class ReferenceGrants {

  /** The group of Gateway API objects ({@code Gateway}, {@code HTTPRoute}). */
  static final String GATEWAY_API = "gateway.networking.k8s.io";

  private final List<ReferenceGrant> grants;

  ReferenceGrants(List<ReferenceGrant> grants) {
    this.grants = grants;
  }

  /** One side of a reference: the core group is {@code ""}. */
  record Ref(String group, String kind, String namespace) {}

  /**
   * Whether {@code from} may refer to {@code toName} of {@code to}; always true within one
   * namespace.
   */
  boolean allows(Ref from, Ref to, String toName) {
    if (from.namespace().equals(to.namespace())) {
      return true;
    }
    for (ReferenceGrant grant : grants) {
      if (!to.namespace().equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
        continue;
      }
      boolean fromAllowed = false;
      for (ReferenceGrantFrom f : HttpFilters.nonNull(grant.getSpec().getFrom())) {
        fromAllowed |=
            from.group().equals(nullToEmpty(f.getGroup()))
                && from.kind().equals(f.getKind())
                && from.namespace().equals(f.getNamespace());
      }
      if (!fromAllowed) {
        continue;
      }
      for (ReferenceGrantTo t : HttpFilters.nonNull(grant.getSpec().getTo())) {
        if (nullToEmpty(t.getGroup()).equals(to.group())
            && to.kind().equals(t.getKind())
            && (t.getName() == null
                || t.getName().isEmpty()
                || Objects.equals(t.getName(), toName))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
