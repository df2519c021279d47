package io.agw.control.translate;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.StaticBackend;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo;
import java.util.Objects;

/**
 * Resolves an HTTPRoute's backendRef to a Backend resource: a core {@code Service} (reached by its
 * cluster DNS name) or an {@code agw.io/AgentgatewayBackend}. A reference into another namespace
 * needs a ReferenceGrant there that allows HTTPRoutes from the route's namespace.
 */
final class BackendRefs {

  /** A resolved backend, or the reason it is not (a ResolvedRefs reason and a message). */
  record Resolution(Resource backend, String reason, String message) {
    boolean resolved() {
      return backend != null;
    }
  }

  private final ClusterView view;

  BackendRefs(ClusterView view) {
    this.view = view;
  }

  Resolution resolve(String routeNamespace, HTTPBackendRef ref) {
    String group = ref.getGroup() == null ? "" : ref.getGroup();
    String kind = ref.getKind() == null ? "Service" : ref.getKind();
    String namespace = ref.getNamespace() == null ? routeNamespace : ref.getNamespace();
    String name = ref.getName();
    String what = kind + " " + namespace + "/" + name;
    boolean service = group.isEmpty() && kind.equals("Service");
    boolean ours = group.equals(AgentgatewayBackend.GROUP) && kind.equals("AgentgatewayBackend");
    if (!service && !ours) {
      return new Resolution(
          null, "InvalidKind", "backendRef kind " + group + "/" + kind + " is not supported");
    }
    if (!namespace.equals(routeNamespace)
        && !granted(routeNamespace, group, kind, namespace, name)) {
      return new Resolution(
          null,
          "RefNotPermitted",
          what + " is in another namespace and no ReferenceGrant there allows it");
    }
    if (service) {
      boolean exists =
          view.services().stream()
              .anyMatch(
                  s ->
                      namespace.equals(s.getMetadata().getNamespace())
                          && name.equals(s.getMetadata().getName()));
      if (!exists) {
        return new Resolution(null, "BackendNotFound", what + " does not exist");
      }
      if (ref.getPort() == null) {
        return new Resolution(null, "UnsupportedValue", what + ": a port is required");
      }
      String host = name + "." + namespace + ".svc.cluster.local";
      return new Resolution(
          backend(
              "backend/" + namespace + "/service/" + name + ":" + ref.getPort(),
              name,
              host,
              ref.getPort()),
          null,
          null);
    }
    AgentgatewayBackend found =
        view.backends().stream()
            .filter(
                b ->
                    namespace.equals(b.getMetadata().getNamespace())
                        && name.equals(b.getMetadata().getName()))
            .findFirst()
            .orElse(null);
    if (found == null) {
      return new Resolution(null, "BackendNotFound", what + " does not exist");
    }
    var target = found.getSpec() == null ? null : found.getSpec().getStaticTarget();
    if (target == null || target.getHost() == null || target.getPort() == null) {
      return new Resolution(null, "UnsupportedValue", what + " has no static host and port");
    }
    return new Resolution(
        backend("backend/" + namespace + "/agw/" + name, name, target.getHost(), target.getPort()),
        null,
        null);
  }

  private static Resource backend(String key, String name, String host, int port) {
    return Resource.newBuilder()
        .setKey(key)
        .setBackend(
            Backend.newBuilder()
                .setKey(key)
                .setName(name)
                .setStatic(StaticBackend.newBuilder().setHost(host).setPort(port)))
        .build();
  }

  private boolean granted(
      String fromNamespace, String group, String kind, String toNamespace, String name) {
    for (ReferenceGrant grant : view.referenceGrants()) {
      if (!toNamespace.equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
        continue;
      }
      boolean from = false;
      for (ReferenceGrantFrom f : HttpFilters.nonNull(grant.getSpec().getFrom())) {
        from |=
            "gateway.networking.k8s.io".equals(f.getGroup())
                && "HTTPRoute".equals(f.getKind())
                && fromNamespace.equals(f.getNamespace());
      }
      if (!from) {
        continue;
      }
      for (ReferenceGrantTo t : HttpFilters.nonNull(grant.getSpec().getTo())) {
        String tGroup = t.getGroup() == null ? "" : t.getGroup();
        if (tGroup.equals(group)
            && kind.equals(t.getKind())
            && (t.getName() == null
                || t.getName().isEmpty()
                || Objects.equals(t.getName(), name))) {
          return true;
        }
      }
    }
    return false;
  }
}
