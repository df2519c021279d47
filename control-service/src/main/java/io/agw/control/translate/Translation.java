package io.agw.control.translate;

import io.agw.model.resource.v1.Resource;
import java.util.List;
import java.util.Map;

/**
 * The translator's output: the resources of every gateway we program (by node id {@code
 * <namespace>/<name>}) and the statuses to write.
 *
 * @param gatewayClasses the {@code Accepted} condition of each of our GatewayClasses, by name
 * @param gateways each programmed Gateway, by node id
 * @param routes each HTTPRoute's parent statuses for our Gateways, by {@code <namespace>/<name>}
 * @param policies each AgentgatewayPolicy's conditions, by {@code <namespace>/<name>}
 * @param backends each AgentgatewayBackend's conditions, by {@code <namespace>/<name>}
 */
public record Translation(
    Map<String, StatusCondition> gatewayClasses,
    Map<String, GatewayResult> gateways,
    Map<String, List<RouteParentResult>> routes,
    Map<String, List<StatusCondition>> policies,
    Map<String, List<StatusCondition>> backends) {

  /** One Gateway: its resources and status. */
  public record GatewayResult(
      List<Resource> resources, List<StatusCondition> conditions, List<ListenerResult> listeners) {

    /** Keys only: resources may carry secrets (API keys, private keys) inline. */
    @Override
    public String toString() {
      return "GatewayResult[resources="
          + resources.stream().map(Resource::getKey).toList()
          + ", conditions="
          + conditions
          + ", listeners="
          + listeners
          + "]";
    }
  }

  /** One listener's status. */
  public record ListenerResult(String name, int attachedRoutes, List<StatusCondition> conditions) {}

  /** One parent of an HTTPRoute: the Gateway ({@code <namespace>/<name>}) and section. */
  public record RouteParentResult(
      String gateway, String sectionName, List<StatusCondition> conditions) {}
}
