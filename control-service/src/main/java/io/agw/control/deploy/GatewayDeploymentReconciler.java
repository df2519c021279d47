package io.agw.control.deploy;

import io.agw.control.crd.AgentgatewayParameters;
import io.agw.control.translate.Translator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The deployer: for each Gateway of our GatewayClass, keeps its ServiceAccount, Deployment and
 * Service (built by {@link GatewayObjectsBuilder} from the {@link ParametersResolver resolved}
 * {@code AgentgatewayParameters}) in the cluster, owned by the Gateway.
 *
 * <p>A controller of its own next to the translating one, so each stays thin. It runs on every
 * event, deletes included: a deleted Gateway, or one that moved to another controller's class, has
 * its objects deleted here (the garbage collector would delete them too for a deleted Gateway; the
 * explicit delete also covers the class change). Events come from Gateways, GatewayClasses and
 * AgentgatewayParameters (mapped to every Gateway: cheap, and a class or parameters change may
 * concern any of them), and from the owned objects (by owner reference), so a deleted Deployment is
 * put back (an edited one only when the desired state changes: see {@link OwnedObjects}). A
 * reference that cannot be followed changes nothing and is reported as a Warning event on the
 * Gateway.
 *
 * <p>JOSDK calls it concurrently for different Gateways; everything it shares is thread-safe.
 */
@ControllerConfiguration(
    name = GatewayDeploymentReconciler.NAME,
    triggerReconcilerOnAllEvents = true)
public final class GatewayDeploymentReconciler implements Reconciler<Gateway> {

  static final String NAME = "gateway-deployments";

  private final DeployProperties properties;
  private volatile InformerEventSource<GatewayClass, Gateway> classes;
  private volatile InformerEventSource<AgentgatewayParameters, Gateway> parameters;
  private volatile List<OwnedObjects<? extends HasMetadata>> owned;
  private volatile OwnedObjects<ServiceAccount> accounts;
  private volatile OwnedObjects<Deployment> deployments;
  private volatile OwnedObjects<Service> services;
  private volatile GatewayEvents events;

  public GatewayDeploymentReconciler(DeployProperties properties) {
    this.properties = properties;
  }

  @Override
  public List<EventSource<?, Gateway>> prepareEventSources(EventSourceContext<Gateway> context) {
    SecondaryToPrimaryMapper<HasMetadata> allGateways =
        object ->
            context
                .getPrimaryCache()
                .list()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    classes = informer(context, GatewayClass.class, allGateways::toPrimaryResourceIDs, null);
    parameters =
        informer(context, AgentgatewayParameters.class, allGateways::toPrimaryResourceIDs, null);
    String managed =
        GatewayObjectsBuilder.MANAGED_BY_LABEL + "=" + GatewayObjectsBuilder.MANAGED_BY;
    InformerEventSource<ServiceAccount, Gateway> accountInformer =
        informer(
            context, ServiceAccount.class, Mappers.fromOwnerReferences(Gateway.class), managed);
    InformerEventSource<Deployment, Gateway> deploymentInformer =
        informer(context, Deployment.class, Mappers.fromOwnerReferences(Gateway.class), managed);
    InformerEventSource<Service, Gateway> serviceInformer =
        informer(context, Service.class, Mappers.fromOwnerReferences(Gateway.class), managed);
    accounts =
        new OwnedObjects<>(
            context.getClient(),
            ServiceAccount.class,
            accountInformer,
            (current, desired) -> current);
    deployments =
        new OwnedObjects<>(
            context.getClient(),
            Deployment.class,
            deploymentInformer,
            (current, desired) -> {
              // The selector is immutable and never changes for one Gateway.
              current.getSpec().setReplicas(desired.getSpec().getReplicas());
              current.getSpec().setTemplate(desired.getSpec().getTemplate());
              return current;
            });
    services =
        new OwnedObjects<>(
            context.getClient(),
            Service.class,
            serviceInformer,
            (current, desired) -> {
              // The cluster IP stays; node ports of unchanged ports are kept by the API server.
              current.getSpec().setType(desired.getSpec().getType());
              current.getSpec().setSelector(desired.getSpec().getSelector());
              current.getSpec().setPorts(desired.getSpec().getPorts());
              return current;
            });
    owned = List.of(services, deployments, accounts);
    events = new GatewayEvents(context.getClient());
    return List.of(classes, parameters, accountInformer, deploymentInformer, serviceInformer);
  }

  private static <R extends HasMetadata> InformerEventSource<R, Gateway> informer(
      EventSourceContext<Gateway> context,
      Class<R> type,
      SecondaryToPrimaryMapper<R> mapper,
      String labelSelector) {
    InformerEventSourceConfiguration.Builder<R> config =
        InformerEventSourceConfiguration.from(type, Gateway.class)
            .withName(NAME + "-" + type.getSimpleName())
            .withSecondaryToPrimaryMapper(mapper);
    if (labelSelector != null) {
      // Only the deployer's own objects: not every Deployment of the cluster in memory.
      config.withLabelSelector(labelSelector);
    }
    return new InformerEventSource<>(config.build(), context);
  }

  @Override
  public UpdateControl<Gateway> reconcile(Gateway gateway, Context<Gateway> context) {
    Optional<GatewayClass> gatewayClass =
        Optional.ofNullable(gateway.getSpec())
            .map(s -> s.getGatewayClassName())
            .flatMap(name -> classes.get(new ResourceID(name)));
    boolean ours =
        !context.isPrimaryResourceDeleted()
            && gatewayClass
                .map(c -> c.getSpec() != null ? c.getSpec().getControllerName() : null)
                .filter(Translator.CONTROLLER_NAME::equals)
                .isPresent();
    if (!ours) {
      owned.forEach(o -> o.delete(gateway));
      events.forget(gateway);
      return UpdateControl.noUpdate();
    }
    ParametersResolver.Resolution resolution =
        ParametersResolver.resolve(
            gateway,
            gatewayClass.get(),
            GatewayParameters.defaults(properties.image()),
            (namespace, name) -> parameters.get(new ResourceID(name, namespace)));
    if (resolution instanceof ParametersResolver.Resolved resolved) {
      deploy(gateway, resolved.parameters());
    } else if (resolution instanceof ParametersResolver.Invalid invalid) {
      events.warn(gateway, "InvalidParameters", invalid.message());
    }
    return UpdateControl.noUpdate();
  }

  private void deploy(Gateway gateway, GatewayParameters resolved) {
    GatewayObjects desired =
        GatewayObjectsBuilder.build(gateway, resolved, properties.xdsAddress());
    boolean allOurs =
        accounts.apply(gateway, desired.serviceAccount()) != OwnedObjects.Outcome.NOT_OURS
            & deployments.apply(gateway, desired.deployment()) != OwnedObjects.Outcome.NOT_OURS
            & services.apply(gateway, desired.service()) != OwnedObjects.Outcome.NOT_OURS;
    if (allOurs) {
      events.forget(gateway);
    } else {
      events.warn(
          gateway,
          "NameConflict",
          "a ServiceAccount, Deployment or Service named "
              + gateway.getMetadata().getName()
              + " exists and is not controlled by this Gateway; it is left alone");
    }
  }
}
