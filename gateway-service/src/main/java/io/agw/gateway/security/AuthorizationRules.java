package io.agw.gateway.security;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.model.resource.v1.Authorization;
import io.agw.model.resource.v1.AuthorizationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The compiled rules of one {@code authorization} policy, split by when they can be decided. Rules
 * that read only the request and the caller ({@code request}, {@code source}, {@code jwt}, {@code
 * apiKey}, {@code basicAuth}) are <em>early</em>: decided before rate limits and transformations.
 * Rules that read {@code llm} or {@code backend} are <em>late</em>: decided once the backend is
 * chosen and, on LLM routes, the request body has been parsed and the model resolved, still before
 * anything is sent upstream.
 *
 * <p>Splitting keeps the policy's meaning (deny wins; every require must hold; when allow rules
 * exist, one must hold): an early deny or a failed early require refuses at once; an early allow
 * that holds is remembered, and the late phase refuses only when no allow held in either phase. An
 * expression that fails to evaluate counts as not true: it cannot allow or satisfy a requirement,
 * and it cannot deny. Immutable and thread-safe.
 */
public final class AuthorizationRules {

  /** The variables that are only known late in the request phase. */
  static final Set<String> LATE_VARIABLES = Set.of("llm", "backend");

  private final Rules early = new Rules();
  private final Rules late = new Rules();

  /** What the early phase decided. */
  public enum Early {
    /** A rule refused the request. */
    REFUSE,
    /** The early rules pass and an allow rule held (or there are no allow rules). */
    ALLOWED,
    /** The early rules pass, but only a late allow rule can still allow the request. */
    NEEDS_LATE_ALLOW
  }

  private static final class Rules {
    final List<CelExpression> allow = new ArrayList<>();
    final List<CelExpression> deny = new ArrayList<>();
    final List<CelExpression> require = new ArrayList<>();

    Stream<CelExpression> all() {
      return Stream.of(allow, deny, require).flatMap(List::stream);
    }

    /** False when a deny holds or a require does not. */
    boolean passes(CelContext context) {
      for (CelExpression rule : deny) {
        if (rule.test(context)) {
          return false;
        }
      }
      for (CelExpression rule : require) {
        if (!rule.test(context)) {
          return false;
        }
      }
      return true;
    }

    boolean anyAllow(CelContext context) {
      for (CelExpression rule : allow) {
        if (rule.test(context)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * @throws IllegalArgumentException when a rule does not compile
   */
  public AuthorizationRules(Authorization policy, CelEnvironment cel) {
    for (AuthorizationRule rule : policy.getRulesList()) {
      switch (rule.getKindCase()) {
        case ALLOW -> add(cel.compile(rule.getAllow()), r -> r.allow);
        case DENY -> add(cel.compile(rule.getDeny()), r -> r.deny);
        case REQUIRE -> add(cel.compile(rule.getRequire()), r -> r.require);
        case KIND_NOT_SET ->
            throw new IllegalArgumentException("an authorization rule without a kind");
      }
    }
  }

  private void add(
      CelExpression rule, java.util.function.Function<Rules, List<CelExpression>> kind) {
    boolean isLate = LATE_VARIABLES.stream().anyMatch(rule::reads);
    kind.apply(isLate ? late : early).add(rule);
  }

  /** Whether some rules can only be decided late. */
  public boolean hasLateRules() {
    return late.all().findAny().isPresent();
  }

  /** Whether any rule reads {@code request.body}. */
  public boolean readsRequestBody() {
    return Stream.concat(early.all(), late.all()).anyMatch(CelExpression::readsRequestBody);
  }

  /** Decides the early rules. */
  public Early early(CelContext context) {
    if (!early.passes(context)) {
      return Early.REFUSE;
    }
    boolean noAllowRules = early.allow.isEmpty() && late.allow.isEmpty();
    if (noAllowRules || early.anyAllow(context)) {
      return Early.ALLOWED;
    }
    return late.allow.isEmpty() ? Early.REFUSE : Early.NEEDS_LATE_ALLOW;
  }

  /**
   * Decides the late rules.
   *
   * @param allowedEarly whether the early phase answered {@link Early#ALLOWED}
   */
  public boolean late(CelContext context, boolean allowedEarly) {
    return late.passes(context) && (allowedEarly || late.anyAllow(context));
  }

  /** Both phases at once, for callers that have every variable at one point. */
  public boolean allowed(CelContext context) {
    return switch (early(context)) {
      case REFUSE -> false;
      case ALLOWED -> late(context, true);
      case NEEDS_LATE_ALLOW -> late(context, false);
    };
  }

  @Override
  public String toString() {
    return "allow="
        + Stream.concat(early.allow.stream(), late.allow.stream()).toList()
        + ", deny="
        + Stream.concat(early.deny.stream(), late.deny.stream()).toList()
        + ", require="
        + Stream.concat(early.require.stream(), late.require.stream()).toList();
  }
}
