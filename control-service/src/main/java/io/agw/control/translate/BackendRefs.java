package io.agw.control.translate;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.StaticBackend;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;

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

    /** Without the resource, which may hold a secret. */
    @Override
    public String toString() {
      return backend != null
          ? "Resolution[" + backend.getKey() + "]"
          : "Resolution[" + reason + "]";
    }
  }

  private final ClusterView view;
  private final ReferenceGrants grants;
  private final AgentgatewayBackends backends;

  BackendRefs(ClusterView view, ReferenceGrants grants, AgentgatewayBackends backends) {
    this.view = view;
    this.grants = grants;
    this.backends = backends;
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
    if (!grants.allows(
        new ReferenceGrants.Ref(ReferenceGrants.GATEWAY_API, "HTTPRoute", routeNamespace),
        new ReferenceGrants.Ref(group, kind, namespace),
        name)) {
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
    AgentgatewayBackends.Result found = backends.get(namespace, name);
    if (found == null) {
      return new Resolution(null, "BackendNotFound", what + " does not exist");
    }
    if (!found.usable()) {
      // The backend's own status says more; the route names the backend and the reason.
      return new Resolution(null, found.reason(), what + ": " + found.message());
    }
    return new Resolution(found.resource(), null, null);
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
}
