package io.agw.control.reconcile;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
import io.agw.control.translate.ClusterView;
import io.fabric8.kubernetes.api.model.ConfigMap;
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
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The informers of everything the translator reads besides Gateways, and the cluster view built
 * from their caches. A change to any of them re-translates every Gateway (the mapper maps each
 * object to all Gateways in the primary cache): translation is cheap, and a route or policy may
 * concern any Gateway, so narrower mapping would only save work at the price of missed updates.
 *
 * <p>Secrets and ConfigMaps are cached (the translator reads those that backends, listeners and API
 * key policies refer to or select), but only a change to one that is used, before or after the
 * change, triggers a translation ({@link SecretUsers}, {@link KeySourceUsers}): a Secret relabelled
 * out of a policy's selector, or deleted, re-translates too. The cached values never reach a log
 * line: JOSDK and our code log resource ids only.
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
  private final InformerEventSource<ConfigMap, Gateway> configMaps;

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
    // A Secret or ConfigMap matters only when something uses it: others change often (service
    // account tokens, other apps) and must not re-translate everything. The filters see the object
    // before and after a change, which the mapper does not.
    Predicate<Secret> secretUsed =
        secret ->
            SecretUsers.referenced(
                    secret, backends.list().toList(), context.getPrimaryCache().list().toList())
                || KeySourceUsers.selects(secret, policies.list().toList());
    this.secrets = informer(Secret.class, allGateways, secretUsed);
    Predicate<ConfigMap> configMapUsed =
        configMap -> KeySourceUsers.selects(configMap, policies.list().toList());
    this.configMaps = informer(ConfigMap.class, allGateways, configMapUsed);
  }

  private <R extends HasMetadata> InformerEventSource<R, Gateway> informer(
      Class<R> type, SecondaryToPrimaryMapper<HasMetadata> mapper, Predicate<R> used) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, Gateway.class)
            .withSecondaryToPrimaryMapper(mapper::toPrimaryResourceIDs)
            .withOnAddFilter(used::test)
            .withOnUpdateFilter((now, before) -> used.test(now) || used.test(before))
            .withOnDeleteFilter((gone, unknownState) -> used.test(gone))
            .build(),
        context);
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
    return List.of(classes, routes, grants, services, backends, policies, secrets, configMaps);
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
        secrets.list().toList(),
        configMaps.list().toList());
  }
}
