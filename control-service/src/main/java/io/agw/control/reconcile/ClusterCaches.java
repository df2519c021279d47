package io.agw.control.reconcile;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
import io.agw.control.translate.ClusterView;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informers of everything the translator reads besides Gateways, and the cluster view built
 * from their caches. A change to any of them re-translates every Gateway (the mapper maps each
 * object to all Gateways in the primary cache): translation is cheap, and a route or policy may
 * concern any Gateway, so narrower mapping would only save work at the price of missed updates.
 *
 * <p>Secrets are cached (the translator reads those that backends and listeners refer to), but only
 * a change to a referenced Secret triggers a translation. The cached Secrets' values never reach a
 * log line: JOSDK and our code log resource ids only.
 *
 * <p>Created once per controller in {@code prepareEventSources}; reads are thread-safe (informer
 * caches).
 */
final class ClusterCaches {

  private final EventSourceContext<Gateway> context;
  private final InformerEventSource<GatewayClass, Gateway> classes;
  private final InformerEventSource<HTTPRoute, Gateway> routes;
  private final InformerEventSource<ReferenceGrant, Gateway> grants;
  private final InformerEventSource<Service, Gateway> services;
  private final InformerEventSource<AgentgatewayBackend, Gateway> backends;
  private final InformerEventSource<AgentgatewayPolicy, Gateway> policies;
  private final InformerEventSource<Secret, Gateway> secrets;

  ClusterCaches(EventSourceContext<Gateway> context) {
    this.context = context;
    SecondaryToPrimaryMapper<HasMetadata> allGateways =
        object ->
            context
                .getPrimaryCache()
                .list()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    this.classes = informer(GatewayClass.class, allGateways);
    this.routes = informer(HTTPRoute.class, allGateways);
    this.grants = informer(ReferenceGrant.class, allGateways);
    this.services = informer(Service.class, allGateways);
    this.backends = informer(AgentgatewayBackend.class, allGateways);
    this.policies = informer(AgentgatewayPolicy.class, allGateways);
    // A Secret matters only when a backend or a listener refers to it: other Secrets change
    // often (service account tokens, other apps) and must not re-translate everything.
    this.secrets =
        informer(
            Secret.class,
            object ->
                SecretUsers.referenced(
                        (Secret) object,
                        backends.list().toList(),
                        context.getPrimaryCache().list().toList())
                    ? allGateways.toPrimaryResourceIDs(object)
                    : Set.of());
  }

  private <R extends HasMetadata> InformerEventSource<R, Gateway> informer(
      Class<R> type, SecondaryToPrimaryMapper<HasMetadata> mapper) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, Gateway.class)
            .withSecondaryToPrimaryMapper(mapper::toPrimaryResourceIDs)
            .build(),
        context);
  }

  List<EventSource<?, Gateway>> eventSources() {
    return List.of(classes, routes, grants, services, backends, policies, secrets);
  }

  /** The cluster as the caches see it now. */
  ClusterView view() {
    return new ClusterView(
        classes.list().toList(),
        context.getPrimaryCache().list().toList(),
        routes.list().toList(),
        grants.list().toList(),
        services.list().toList(),
        backends.list().toList(),
        policies.list().toList(),
        secrets.list().toList());
  }
}
