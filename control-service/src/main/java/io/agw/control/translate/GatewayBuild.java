package io.agw.control.translate;

import io.agw.model.resource.v1.Bind;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One Gateway being translated: its listeners, their route counts, and its resources. */
final class GatewayBuild {

  /**
   * One listener of the Gateway: {@code problem} (not accepted) and {@code certificates} (an HTTPS
   * listener's TLS or why it has none) decide whether it can be served.
   */
  static final class ListenerBuild {
    final io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener spec;
    final String key;
    final String problem;
    final ListenerCertificates.Result certificates;
    int attachedRoutes;

    ListenerBuild(
        io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener spec,
        String key,
        String problem,
        ListenerCertificates.Result certificates) {
      this.spec = spec;
      this.key = key;
      this.problem = problem;
      this.certificates = certificates;
    }

    boolean https() {
      return "HTTPS".equals(spec.getProtocol());
    }

    boolean servable() {
      return problem == null && (certificates == null || certificates.tls() != null);
    }
  }

  final Gateway gateway;
  final String namespace;
  final String name;
  final List<ListenerBuild> listeners = new ArrayList<>();
  final Map<String, Resource> resources = new LinkedHashMap<>();

  GatewayBuild(Gateway gateway, ListenerCertificates certificates) {
    this.gateway = gateway;
    this.namespace = gateway.getMetadata().getNamespace();
    this.name = gateway.getMetadata().getName();
    for (var l : HttpFilters.nonNull(gateway.getSpec().getListeners())) {
      String protocol = String.valueOf(l.getProtocol());
      String problem = null;
      ListenerCertificates.Result tls = null;
      if (protocol.equals("HTTPS")) {
        String mode = l.getTls() == null ? null : l.getTls().getMode();
        if (mode != null && !mode.equals("Terminate")) {
          problem = "TLS mode " + mode + " is not supported; HTTPS listeners terminate TLS";
        } else {
          tls = certificates.resolve(namespace, l);
        }
      } else if (!protocol.equals("HTTP")) {
        problem =
            "protocol "
                + protocol
                + " is not supported yet; only HTTP and HTTPS listeners are served";
      }
      listeners.add(
          new ListenerBuild(
              l, "listener/" + namespace + "/" + name + "/" + l.getName(), problem, tls));
    }
  }

  String nodeId() {
    return namespace + "/" + name;
  }

  /** Adds the bind and listener resources, with the policies attached to the listener. */
  void addListeners(PolicyAttachments policies) {
    for (ListenerBuild l : listeners) {
      if (!l.servable()) {
        continue;
      }
      String bindKey = "bind/" + l.spec.getPort();
      resources.putIfAbsent(
          bindKey,
          Resource.newBuilder()
              .setKey(bindKey)
              .setBind(Bind.newBuilder().setKey(bindKey).setPort(l.spec.getPort()))
              .build());
      List<PolicySpec> specs =
          new ArrayList<>(
              policies.specs(PolicyAttachments.listener(namespace, name, l.spec.getName())));
      PolicyAttachments.mergeUnder(
          specs, policies.specs(PolicyAttachments.gateway(namespace, name)));
      Listener.Builder listener =
          Listener.newBuilder()
              .setKey(l.key)
              .setName(l.spec.getName())
              .setBindKey(bindKey)
              .setProtocol(l.https() ? Listener.Protocol.HTTPS : Listener.Protocol.HTTP)
              .addAllPolicies(specs);
      if (l.https()) {
        listener.setTls(l.certificates.tls());
      }
      if (l.spec.getHostname() != null) {
        listener.setHostname(l.spec.getHostname());
      }
      resources.put(l.key, Resource.newBuilder().setKey(l.key).setListener(listener).build());
    }
  }

  Translation.GatewayResult result() {
    List<Translation.ListenerResult> out = new ArrayList<>();
    boolean any = false;
    for (ListenerBuild l : listeners) {
      List<StatusCondition> conditions = new ArrayList<>();
      if (l.servable()) {
        any = true;
        conditions.add(StatusCondition.ok("Accepted", "Accepted", "listener accepted"));
        conditions.add(
            StatusCondition.ok("ResolvedRefs", "ResolvedRefs", "all references resolved"));
        conditions.add(StatusCondition.ok("Programmed", "Programmed", "listener programmed"));
      } else if (l.problem == null) {
        // Gateway API: an unusable certificate ref leaves the listener accepted, unresolved and
        // not programmed.
        var c = l.certificates;
        conditions.add(StatusCondition.ok("Accepted", "Accepted", "listener accepted"));
        conditions.add(StatusCondition.fail("ResolvedRefs", c.reason(), c.message()));
        conditions.add(StatusCondition.fail("Programmed", "Invalid", c.message()));
      } else {
        conditions.add(StatusCondition.fail("Accepted", "UnsupportedProtocol", l.problem));
        conditions.add(
            StatusCondition.ok("ResolvedRefs", "ResolvedRefs", "all references resolved"));
        conditions.add(StatusCondition.fail("Programmed", "Invalid", l.problem));
      }
      out.add(new Translation.ListenerResult(l.spec.getName(), l.attachedRoutes, conditions));
    }
    List<StatusCondition> conditions =
        List.of(
            StatusCondition.ok("Accepted", "Accepted", "accepted by " + Translator.CONTROLLER_NAME),
            any
                ? StatusCondition.ok("Programmed", "Programmed", "resources sent to the gateway")
                : StatusCondition.fail("Programmed", "Invalid", "no listener can be served"));
    return new Translation.GatewayResult(List.copyOf(resources.values()), conditions, out);
  }
}
