package io.agw.gateway.llm.backend;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.cel.CelValues;
import io.agw.model.resource.v1.AiConditionalModel;
import java.util.List;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.node.ObjectNode;

/**
 * A conditional virtual model of the {@code llm} shorthand compiled for the current state: the
 * first target whose condition holds on the request serves it. Immutable and thread-safe.
 *
 * @param name the model name clients ask for
 * @param targets in order
 */
public record ConditionalModel(String name, List<Target> targets) {

  /**
   * A target model and its condition.
   *
   * @param when null always holds
   */
  public record Target(String model, CelExpression when) {}

  /**
   * Compiles a conditional model.
   *
   * @throws IllegalArgumentException when a condition does not compile
   */
  public static ConditionalModel of(AiConditionalModel config, CelEnvironment cel) {
    List<Target> targets =
        config.getTargetsList().stream()
            .map(
                t ->
                    new Target(
                        t.getModel(), t.getWhen().isEmpty() ? null : cel.compile(t.getWhen())))
            .toList();
    return new ConditionalModel(config.getName(), targets);
  }

  /**
   * The model of the first target whose condition holds ({@code llmRequest} is {@code body}); a
   * condition that fails to evaluate does not hold. Empty when none does.
   */
  public Optional<String> choose(ObjectNode body, ServerWebExchange exchange) {
    CelContext context = null;
    for (Target t : targets) {
      if (t.when() == null) {
        return Optional.of(t.model());
      }
      if (context == null) {
        context = CelContext.request(exchange, null).llmRequest(CelValues.fromJson(body));
      }
      if (t.when().test(context)) {
        return Optional.of(t.model());
      }
    }
    return Optional.empty();
  }
}
