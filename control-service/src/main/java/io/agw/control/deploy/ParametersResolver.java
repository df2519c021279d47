package io.agw.control.deploy;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayParameters;
import io.agw.control.crd.AgentgatewayParametersSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParametersReference;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a Gateway's effective {@link GatewayParameters}: the defaults, then the {@code
 * AgentgatewayParameters} its GatewayClass references ({@code spec.parametersRef}, which must name
 * a namespace since the class is cluster-scoped), then the one the Gateway references ({@code
 * spec.infrastructure.parametersRef}, in the Gateway's namespace). Pure; the lookup is the caller's
 * (an informer cache in the reconciler, a map in tests).
 */
public final class ParametersResolver {

  /** Looks an {@code AgentgatewayParameters} up by namespace and name. */
  @FunctionalInterface
  public interface Lookup {
    Optional<AgentgatewayParameters> find(String namespace, String name);
  }

  /** The outcome: settings to deploy with, or why the references cannot be followed. */
  public sealed interface Resolution {}

  /** The settings to deploy with. */
  public record Resolved(GatewayParameters parameters) implements Resolution {}

  /** A reference that cannot be followed; nothing is deployed or changed. */
  public record Invalid(String message) implements Resolution {}

  private static final Set<String> KINDS = Set.of("AgentgatewayParameters");

  private ParametersResolver() {}

  public static Resolution resolve(
      Gateway gateway, GatewayClass gatewayClass, GatewayParameters defaults, Lookup lookup) {
    GatewayParameters parameters = defaults;
    ParametersReference classRef =
        gatewayClass.getSpec() == null ? null : gatewayClass.getSpec().getParametersRef();
    if (classRef != null) {
      String where = "GatewayClass " + gatewayClass.getMetadata().getName() + " parametersRef";
      if (!ours(classRef.getGroup(), classRef.getKind())) {
        return unsupported(where, classRef.getGroup(), classRef.getKind());
      }
      if (classRef.getNamespace() == null || classRef.getNamespace().isBlank()) {
        return new Invalid(where + " must name the namespace of its AgentgatewayParameters");
      }
      Optional<AgentgatewayParametersSpec> spec =
          spec(lookup, classRef.getNamespace(), classRef.getName());
      if (spec.isEmpty()) {
        return notFound(where, classRef.getNamespace(), classRef.getName());
      }
      parameters = parameters.overriddenBy(spec.get());
    }
    LocalParametersReference gatewayRef =
        gateway.getSpec() == null || gateway.getSpec().getInfrastructure() == null
            ? null
            : gateway.getSpec().getInfrastructure().getParametersRef();
    if (gatewayRef != null) {
      String where = "Gateway infrastructure.parametersRef";
      if (!ours(gatewayRef.getGroup(), gatewayRef.getKind())) {
        return unsupported(where, gatewayRef.getGroup(), gatewayRef.getKind());
      }
      String namespace = gateway.getMetadata().getNamespace();
      Optional<AgentgatewayParametersSpec> spec = spec(lookup, namespace, gatewayRef.getName());
      if (spec.isEmpty()) {
        return notFound(where, namespace, gatewayRef.getName());
      }
      parameters = parameters.overriddenBy(spec.get());
    }
    return new Resolved(parameters);
  }

  private static Optional<AgentgatewayParametersSpec> spec(
      Lookup lookup, String namespace, String name) {
    // A resource without a spec is found: it just sets nothing.
    return lookup
        .find(namespace, name)
        .map(p -> p.getSpec() == null ? new AgentgatewayParametersSpec() : p.getSpec());
  }

  private static boolean ours(String group, String kind) {
    return AgentgatewayBackend.GROUP.equals(group) && KINDS.contains(kind);
  }

  private static Invalid unsupported(String where, String group, String kind) {
    return new Invalid(
        where
            + " refers to "
            + kind
            + " in group "
            + group
            + "; only "
            + AgentgatewayBackend.GROUP
            + "/AgentgatewayParameters is supported");
  }

  private static Invalid notFound(String where, String namespace, String name) {
    return new Invalid(
        where + ": AgentgatewayParameters " + namespace + "/" + name + " does not exist");
  }
}
