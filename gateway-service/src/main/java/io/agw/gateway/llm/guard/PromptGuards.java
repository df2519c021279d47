package io.agw.gateway.llm.guard;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.GuardDecision;
import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.guard.regex.RegexGuard;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.ContentScope;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.RequestGuard;
import io.agw.model.resource.v1.ResponseGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code promptGuard} of a route's {@code ai} policy, compiled once per state: request guards
 * run on the client's parsed body before it is sent to any provider, response guards on the
 * client's answer before it is written. Each list runs in the order configured; a mask changes the
 * body in place, so later guards and the provider see the masked text; the first rejection ends the
 * run. Regex guards run on the caller's thread; remote guards ({@link RemoteGuard}) ask their
 * service, each call bounded by {@link #REMOTE_TIMEOUT}. Every guard's decision is recorded in the
 * exchange's {@link GuardDecisions}. Immutable and thread-safe; {@link #onRequest} changes only the
 * body it is given.
 */
public final class PromptGuards {

  private static final Logger log = LoggerFactory.getLogger(PromptGuards.class);

  /**
   * The exchange attribute holding the {@link AnswerGuards} of a request whose answer is guarded.
   */
  public static final String ATTRIBUTE = PromptGuards.class.getName();

  /** No guards. */
  public static final PromptGuards NONE = new PromptGuards(List.of(), List.of(), false);

  /** The longest a remote guard may take before it counts as failed (agentgateway's 10 s). */
  static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(10);

  private static final Set<ContentScope> DEFAULT_SCOPE =
      EnumSet.of(ContentScope.CONTENT_SCOPE_SYSTEM_PROMPT, ContentScope.CONTENT_SCOPE_MESSAGES);

  /** Response guards read the answer's text unless their scope says more. */
  private static final Set<ContentScope> ANSWER_SCOPE =
      EnumSet.of(ContentScope.CONTENT_SCOPE_MESSAGES);

  /** One guard: a regex guard or a remote one, what it reads and how it refuses. */
  record Step(
      String kind,
      Set<ContentScope> scope,
      RegexGuard regex,
      RemoteGuard remote,
      Rejection rejection) {}

  /** An answer after the response guards: its (possibly masked) body, or the rejection. */
  public record GuardedAnswer(byte[] body, Rejection rejection) {}

  /** The response guards of one exchange, with what remote guards may read of its request. */
  public record AnswerGuards(PromptGuards guards, GuardContext context) {}

  private final List<Step> request;
  private final List<Step> response;
  private final boolean streaming;

  private PromptGuards(List<Step> request, List<Step> response, boolean streaming) {
    this.request = request;
    this.response = response;
    this.streaming = streaming;
  }

  /** Compiles the guards of a policy; {@code policy} may be null. */
  public static PromptGuards of(AiPolicy policy, GuardServices services) {
    if (policy == null || !policy.hasPromptGuard()) {
      return NONE;
    }
    PromptGuard guard = policy.getPromptGuard();
    List<Step> request = new ArrayList<>();
    for (RequestGuard g : guard.getRequestList()) {
      Set<ContentScope> scope =
          g.getScopeList().isEmpty() ? DEFAULT_SCOPE : Set.copyOf(EnumSet.copyOf(g.getScopeList()));
      request.add(
          step(
              scope,
              g.hasRegex() ? g.getRegex() : null,
              RemoteGuards.of(g, services),
              g.getRejection()));
    }
    List<Step> response = new ArrayList<>();
    for (ResponseGuard g : guard.getResponseList()) {
      response.add(
          step(
              g.getScopeList().isEmpty()
                  ? ANSWER_SCOPE
                  : Set.copyOf(EnumSet.copyOf(g.getScopeList())),
              g.hasRegex() ? g.getRegex() : null,
              RemoteGuards.of(g, services),
              g.getRejection()));
    }
    return new PromptGuards(List.copyOf(request), List.copyOf(response), guard.getStreaming());
  }

  private static Step step(
      Set<ContentScope> scope,
      io.agw.model.resource.v1.RegexGuard regex,
      RemoteGuard remote,
      io.agw.model.resource.v1.GuardRejection rejection) {
    if (remote != null) {
      return new Step(remote.kind(), scope, null, remote, new Rejection(rejection));
    }
    return new Step("regex", scope, RegexGuard.of(regex), null, new Rejection(rejection));
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

  /**
   * Runs the request guards over a client body of {@code api}; the first rejection, if any. Regex
   * guards answer at once; the Mono waits only for remote guards. Never fails: a remote guard that
   * fails is decided by its failure mode.
   */
  public Mono<Optional<Rejection>> onRequest(ObjectNode body, ClientApi api, GuardContext context) {
    return runRequest(0, body, api, context);
  }

  private Mono<Optional<Rejection>> runRequest(
      int from, ObjectNode body, ClientApi api, GuardContext context) {
    GuardDecisions decisions = decisions(context);
    for (int i = from; i < request.size(); i++) {
      Step g = request.get(i);
      if (g.remote() != null) {
        List<GuardText> texts = new ArrayList<>();
        GuardTexts.request(
            body,
            api,
            (scope, role, text) -> {
              if (g.scope().contains(scope)) {
                texts.add(new GuardText(role, text));
              }
              return text;
            });
        if (texts.isEmpty()) {
          decisions.record(g.kind(), GuardPhase.REQUEST.telemetryName(), GuardDecision.ALLOW);
          continue;
        }
        int next = i + 1;
        return ask(g, GuardPhase.REQUEST, texts, context)
            .flatMap(
                verdict -> {
                  if (verdict instanceof Verdict.Reject reject) {
                    return Mono.just(Optional.of(g.rejection().with(reject)));
                  }
                  if (verdict instanceof Verdict.Mask mask) {
                    replaceRequestTexts(body, api, g.scope(), mask.texts());
                  }
                  return runRequest(next, body, api, context);
                });
      }
      Optional<Rejection> rejected = regexRequest(g, body, api, decisions);
      if (rejected.isPresent()) {
        return Mono.just(rejected);
      }
    }
    return Mono.just(Optional.empty());
  }

  private static Optional<Rejection> regexRequest(
      Step g, ObjectNode body, ClientApi api, GuardDecisions decisions) {
    String phase = GuardPhase.REQUEST.telemetryName();
    if (g.regex().rejects()) {
      boolean[] hit = {false};
      GuardTexts.request(
          body,
          api,
          (scope, role, text) -> {
            if (!hit[0] && g.scope().contains(scope) && g.regex().matches(text)) {
              hit[0] = true;
            }
            return text;
          });
      decisions.record(g.kind(), phase, hit[0] ? GuardDecision.REJECT : GuardDecision.ALLOW);
      return hit[0] ? Optional.of(g.rejection()) : Optional.empty();
    }
    boolean[] changed = {false};
    GuardTexts.request(
        body,
        api,
        (scope, role, text) -> {
          if (!g.scope().contains(scope)) {
            return text;
          }
          String masked = g.regex().mask(text);
          changed[0] |= masked != text;
          return masked;
        });
    decisions.record(g.kind(), phase, changed[0] ? GuardDecision.MASK : GuardDecision.ALLOW);
    return Optional.empty();
  }

  private static void replaceRequestTexts(
      ObjectNode body, ClientApi api, Set<ContentScope> scope, List<String> replacements) {
    int[] at = {0};
    GuardTexts.request(
        body, api, (s, role, text) -> scope.contains(s) ? replacements.get(at[0]++) : text);
  }

  /**
   * Runs the response guards over a JSON answer of {@code api} as the client receives it. A body
   * that is not a JSON object is returned unchanged (there is no text to read). Never fails.
   */
  public Mono<GuardedAnswer> onAnswer(byte[] answer, ClientApi api, GuardContext context) {
    if (response.isEmpty()) {
      return Mono.just(new GuardedAnswer(answer, null));
    }
    JsonNode tree = WireJson.tree(new String(answer, StandardCharsets.UTF_8));
    if (!(tree instanceof ObjectNode body)) {
      return Mono.just(new GuardedAnswer(answer, null));
    }
    List<AnswerText> texts = new ArrayList<>();
    GuardTexts.answer(
        body,
        api,
        (scope, role, text) -> {
          texts.add(new AnswerText(scope, text));
          return text;
        });
    return onAnswerTexts(texts, context)
        .map(
            guarded -> {
              if (guarded.rejection() != null) {
                return new GuardedAnswer(null, guarded.rejection());
              }
              if (guarded.texts() == texts) {
                return new GuardedAnswer(answer, null);
              }
              int[] at = {0};
              GuardTexts.answer(
                  body, api, (scope, role, text) -> guarded.texts().get(at[0]++).text());
              return new GuardedAnswer(WireJson.write(body).getBytes(StandardCharsets.UTF_8), null);
            });
  }

  /** A text of an answer and the scope it belongs to (the answer's text, or tool arguments). */
  record AnswerText(ContentScope scope, String text) {}

  /** The texts of an answer after the response guards, or the rejection. */
  record GuardedTexts(List<AnswerText> texts, Rejection rejection) {}

  /**
   * Runs the response guards over the texts of an answer (all of them the assistant's), each guard
   * over the texts in its scope; the list returned is {@code texts} itself when no guard changed
   * any.
   */
  Mono<GuardedTexts> onAnswerTexts(List<AnswerText> texts, GuardContext context) {
    return runResponse(0, texts, context);
  }

  private Mono<GuardedTexts> runResponse(int from, List<AnswerText> texts, GuardContext context) {
    GuardDecisions decisions = decisions(context);
    String phase = GuardPhase.RESPONSE.telemetryName();
    List<AnswerText> current = texts;
    for (int i = from; i < response.size(); i++) {
      Step g = response.get(i);
      List<Integer> read = new ArrayList<>();
      for (int t = 0; t < current.size(); t++) {
        if (g.scope().contains(current.get(t).scope())) {
          read.add(t);
        }
      }
      if (read.isEmpty()) {
        decisions.record(g.kind(), phase, GuardDecision.ALLOW);
        continue;
      }
      if (g.remote() != null) {
        List<AnswerText> seen = current;
        int next = i + 1;
        return ask(
                g,
                GuardPhase.RESPONSE,
                read.stream().map(t -> new GuardText("assistant", seen.get(t).text())).toList(),
                context)
            .flatMap(
                verdict -> {
                  if (verdict instanceof Verdict.Reject reject) {
                    return Mono.just(new GuardedTexts(null, g.rejection().with(reject)));
                  }
                  List<AnswerText> after = seen;
                  if (verdict instanceof Verdict.Mask mask) {
                    after = new ArrayList<>(seen);
                    for (int k = 0; k < read.size(); k++) {
                      int t = read.get(k);
                      after.set(t, new AnswerText(seen.get(t).scope(), mask.texts().get(k)));
                    }
                  }
                  return runResponse(next, after, context);
                });
      }
      if (g.regex().rejects()) {
        List<AnswerText> seen = current;
        boolean hit = read.stream().anyMatch(t -> g.regex().matches(seen.get(t).text()));
        decisions.record(g.kind(), phase, hit ? GuardDecision.REJECT : GuardDecision.ALLOW);
        if (hit) {
          return Mono.just(new GuardedTexts(null, g.rejection()));
        }
        continue;
      }
      List<AnswerText> masked = new ArrayList<>(current);
      boolean changed = false;
      for (int t : read) {
        String text = current.get(t).text();
        String m = g.regex().mask(text);
        if (m != text) {
          changed = true;
          masked.set(t, new AnswerText(current.get(t).scope(), m));
        }
      }
      decisions.record(g.kind(), phase, changed ? GuardDecision.MASK : GuardDecision.ALLOW);
      if (changed) {
        current = masked;
      }
    }
    return Mono.just(new GuardedTexts(current, null));
  }

  /**
   * Asks a remote guard, recording its decision; a failure becomes {@link Verdict#FAIL_OPEN} or a
   * 503 refusal by the guard's failure mode, and a mask with the wrong number of texts a failure.
   */
  private static Mono<Verdict> ask(
      Step g, GuardPhase phase, List<GuardText> texts, GuardContext context) {
    GuardDecisions decisions = decisions(context);
    return Mono.defer(() -> g.remote().check(phase, texts, context))
        .timeout(REMOTE_TIMEOUT)
        .flatMap(
            verdict -> {
              if (verdict instanceof Verdict.Mask mask && mask.texts().size() != texts.size()) {
                return Mono.error(
                    new IllegalStateException(
                        "the guard returned "
                            + mask.texts().size()
                            + " texts for "
                            + texts.size()));
              }
              return Mono.just(verdict);
            })
        .switchIfEmpty(Mono.error(new IllegalStateException("the guard gave no verdict")))
        .onErrorResume(
            e -> {
              String why = e instanceof TimeoutException ? "timed out" : e.toString();
              if (g.remote().failOpen()) {
                log.warn(
                    "{} guard failed ({}), failing open: {}", g.kind(), phase.telemetryName(), why);
                return Mono.just(Verdict.FAIL_OPEN);
              }
              log.warn(
                  "{} guard failed ({}), failing closed: {}", g.kind(), phase.telemetryName(), why);
              return Mono.just(new Verdict.Reject(503, UNAVAILABLE));
            })
        .doOnNext(verdict -> decisions.record(g.kind(), phase.telemetryName(), action(verdict)));
  }

  /** The message of a refusal because a guard that fails closed failed. */
  static final String UNAVAILABLE =
      "the content could not be checked by a guardrail; try again later";

  private static String action(Verdict verdict) {
    if (verdict instanceof Verdict.Mask) {
      return GuardDecision.MASK;
    }
    if (verdict instanceof Verdict.Reject) {
      return GuardDecision.REJECT;
    }
    return verdict instanceof Verdict.FailOpen ? GuardDecision.FAIL_OPEN : GuardDecision.ALLOW;
  }

  private static GuardDecisions decisions(GuardContext context) {
    return GuardDecisions.of(context.exchange().getAttributes());
  }

  /** Whether streamed answers can be guarded hold-back by hold-back (regex guards only). */
  boolean regexOnlyAnswers() {
    return response.stream().allMatch(g -> g.remote() == null);
  }

  /**
   * Whether streamed answers of {@code api} can be guarded (chat completions, Messages, Responses).
   */
  public boolean guardsStreamsOf(ClientApi api) {
    return response.isEmpty() || StreamGuard.supports(api);
  }

  /**
   * The response guards for one streamed answer of {@code api}; null when there are none. With
   * regex guards only, each text is guarded as it streams (hold-back, {@link StreamGuard}); a
   * remote guard needs whole texts, so then the answer is held until it ends ({@link
   * WholeTextStream}).
   */
  public AnswerStreamGuard streamGuard(ClientApi api, GuardContext context) {
    if (response.isEmpty() || !StreamGuard.supports(api)) {
      return null;
    }
    if (regexOnlyAnswers()) {
      return StreamGuard.incremental(
          api,
          response.stream().map(Step::regex).toList(),
          response.stream().map(Step::rejection).toList(),
          response.stream().map(Step::scope).toList(),
          decisions(context));
    }
    return StreamGuard.whole(api, this, context);
  }
}
