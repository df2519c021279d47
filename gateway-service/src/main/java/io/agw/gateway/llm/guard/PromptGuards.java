package io.agw.gateway.llm.guard;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.guard.regex.RegexGuard;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.ContentScope;
import io.agw.model.resource.v1.PromptGuard;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code promptGuard} of a route's {@code ai} policy, compiled once per state: request guards
 * run on the client's parsed body before it is sent to any provider, response guards on the
 * client's answer before it is written. Each list runs in the order configured; a mask changes the
 * body in place, so later guards and the provider see the masked text; the first rejection ends the
 * run. Immutable and thread-safe; {@link #onRequest} changes only the body it is given.
 */
public final class PromptGuards {

  /** The exchange attribute holding the guards of a request whose answer must be guarded. */
  public static final String ATTRIBUTE = PromptGuards.class.getName();

  /** No guards. */
  public static final PromptGuards NONE = new PromptGuards(List.of(), List.of(), false);

  private static final Set<ContentScope> DEFAULT_SCOPE =
      EnumSet.of(ContentScope.CONTENT_SCOPE_SYSTEM_PROMPT, ContentScope.CONTENT_SCOPE_MESSAGES);

  private record RequestGuard(Set<ContentScope> scope, RegexGuard regex, Rejection rejection) {}

  private record ResponseGuard(RegexGuard regex, Rejection rejection) {}

  /** An answer after the response guards: its (possibly masked) body, or the rejection. */
  public record GuardedAnswer(byte[] body, Rejection rejection) {}

  private final List<RequestGuard> request;
  private final List<ResponseGuard> response;
  private final boolean streaming;

  private PromptGuards(
      List<RequestGuard> request, List<ResponseGuard> response, boolean streaming) {
    this.request = request;
    this.response = response;
    this.streaming = streaming;
  }

  /** Compiles the guards of a policy; {@code policy} may be null. */
  public static PromptGuards of(AiPolicy policy) {
    if (policy == null || !policy.hasPromptGuard()) {
      return NONE;
    }
    PromptGuard guard = policy.getPromptGuard();
    List<RequestGuard> request =
        guard.getRequestList().stream()
            .map(
                g ->
                    new RequestGuard(
                        g.getScopeList().isEmpty()
                            ? DEFAULT_SCOPE
                            : Set.copyOf(EnumSet.copyOf(g.getScopeList())),
                        RegexGuard.of(g.getRegex()),
                        new Rejection(g.getRejection())))
            .toList();
    List<ResponseGuard> response =
        guard.getResponseList().stream()
            .map(
                g ->
                    new ResponseGuard(RegexGuard.of(g.getRegex()), new Rejection(g.getRejection())))
            .toList();
    return new PromptGuards(request, response, guard.getStreaming());
  }

  /** Whether there is any guard. */
  public boolean isEmpty() {
    return request.isEmpty() && response.isEmpty();
  }

  /** Whether answers are guarded. */
  public boolean guardsAnswers() {
    return !response.isEmpty();
  }

  /** agentgateway's {@code streaming: Enabled}. */
  public boolean streamingEnabled() {
    return streaming;
  }

  /** Runs the request guards over a client body of {@code api}; the first rejection, if any. */
  public Optional<Rejection> onRequest(ObjectNode body, ClientApi api) {
    for (RequestGuard g : request) {
      if (g.regex().rejects()) {
        boolean[] hit = {false};
        GuardTexts.request(
            body,
            api,
            (scope, text) -> {
              if (!hit[0] && g.scope().contains(scope) && g.regex().matches(text)) {
                hit[0] = true;
              }
              return text;
            });
        if (hit[0]) {
          return Optional.of(g.rejection());
        }
      } else {
        GuardTexts.request(
            body, api, (scope, text) -> g.scope().contains(scope) ? g.regex().mask(text) : text);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the response guards over a JSON answer of {@code api} as the client receives it. A body
   * that is not a JSON object is returned unchanged (there is no text to read).
   */
  public GuardedAnswer onAnswer(byte[] answer, ClientApi api) {
    if (response.isEmpty()) {
      return new GuardedAnswer(answer, null);
    }
    JsonNode tree = WireJson.tree(new String(answer, StandardCharsets.UTF_8));
    if (!(tree instanceof ObjectNode body)) {
      return new GuardedAnswer(answer, null);
    }
    boolean[] changed = {false};
    for (ResponseGuard g : response) {
      if (g.regex().rejects()) {
        boolean[] hit = {false};
        GuardTexts.answer(
            body,
            api,
            (scope, text) -> {
              hit[0] |= !hit[0] && g.regex().matches(text);
              return text;
            });
        if (hit[0]) {
          return new GuardedAnswer(null, g.rejection());
        }
      } else {
        GuardTexts.answer(
            body,
            api,
            (scope, text) -> {
              String masked = g.regex().mask(text);
              changed[0] |= masked != text;
              return masked;
            });
      }
    }
    return new GuardedAnswer(
        changed[0] ? WireJson.write(body).getBytes(StandardCharsets.UTF_8) : answer, null);
  }

  /**
   * Whether streamed answers of {@code api} can be guarded (chat completions, Messages, Responses).
   */
  public boolean guardsStreamsOf(ClientApi api) {
    return response.isEmpty() || StreamGuard.supports(api);
  }

  /** The response guards for one streamed answer of {@code api}; null when there are none. */
  public StreamGuard streamGuard(ClientApi api) {
    if (response.isEmpty() || !StreamGuard.supports(api)) {
      return null;
    }
    return new StreamGuard(
        api,
        response.stream().map(ResponseGuard::regex).toList(),
        response.stream().map(ResponseGuard::rejection).toList());
  }
}
