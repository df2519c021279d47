package io.agw.gateway.guard.regex;

import io.agw.model.resource.v1.RegexGuardRule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled {@code regex} guard: its rules in order and its action. Masking replaces each match of
 * a built-in with its label ({@code <EMAIL_ADDRESS>}) and each match of a custom pattern with
 * {@code <masked>}; later rules see the text earlier rules masked. Empty matches mask nothing.
 * Immutable and thread-safe. Shared by the LLM prompt guards and the MCP guardrails.
 */
public final class RegexGuard {

  private static final String CUSTOM_MASK = "<masked>";

  private record Rule(Pattern pattern, Builtin builtin) {
    String mask() {
      return builtin == null ? CUSTOM_MASK : builtin.mask();
    }

    boolean accepts(String match) {
      return !match.isEmpty() && (builtin == null || builtin.accepts(match));
    }

    /**
     * Finds the next match starting at or after {@code from} (within {@code m}'s text up to {@code
     * end}), like {@link Matcher#find(int)}; for a built-in, the matcher is tried only where {@link
     * Builtin#canStartAt} holds. {@code m} must have transparent, non-anchoring bounds, so
     * look-behinds see the text before each attempt.
     */
    boolean find(Matcher m, CharSequence text, int from, int end) {
      if (from > end) {
        return false;
      }
      if (builtin == null) {
        m.region(from, end);
        return m.find();
      }
      if (builtin.needsAt() && indexOf(text, '@', from, end) < 0) {
        return false;
      }
      for (int i = from; i < end; i++) {
        if (builtin.canStartAt(text, i)) {
          m.region(i, end);
          if (m.lookingAt()) {
            return true;
          }
        }
      }
      return false;
    }

    /** Whether an attempt at {@code i} could consume {@code text} to its end (a match may grow). */
    boolean hitsEndAt(Matcher m, CharSequence text, int i) {
      if (builtin != null && i < text.length() && !builtin.canStartAt(text, i)) {
        return false;
      }
      m.region(i, text.length());
      m.lookingAt();
      return m.hitEnd();
    }
  }

  private static int indexOf(CharSequence text, char c, int from, int end) {
    for (int i = from; i < end; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private final List<Rule> rules;
  private final boolean reject;

  private RegexGuard(List<Rule> rules, boolean reject) {
    this.rules = rules;
    this.reject = reject;
  }

  public static RegexGuard of(io.agw.model.resource.v1.RegexGuard proto) {
    List<Rule> rules = new ArrayList<>();
    for (RegexGuardRule r : proto.getRulesList()) {
      if (r.hasBuiltin()) {
        Builtin b = Builtin.of(r.getBuiltin());
        rules.add(new Rule(b.pattern(), b));
      } else {
        rules.add(new Rule(Pattern.compile(r.getPattern()), null));
      }
    }
    return new RegexGuard(List.copyOf(rules), proto.getReject());
  }

  /** Whether a match rejects (rather than masks). */
  public boolean rejects() {
    return reject;
  }

  /** Whether any rule matches {@code text}. */
  public boolean matches(String text) {
    return matchesFrom(text, 0);
  }

  /** {@code text} with every match masked; the same instance when nothing matched. */
  public String mask(String text) {
    String current = text;
    for (Rule rule : rules) {
      Matcher m = bounded(rule.pattern().matcher(current));
      StringBuilder out = null;
      int last = 0;
      int at = 0;
      while (rule.find(m, current, at, current.length())) {
        at = nextFrom(m);
        if (!rule.accepts(m.group())) {
          continue;
        }
        if (out == null) {
          out = new StringBuilder(current.length());
        }
        out.append(current, last, m.start()).append(rule.mask());
        last = m.end();
      }
      if (out != null) {
        current = out.append(current, last, current.length()).toString();
      }
    }
    return current;
  }

  /**
   * The text of {@code buffer} from {@code from} on that can be released now: everything before the
   * start of the earliest match attempt that reached the end of the buffer (more text could still
   * complete or lengthen a match there), never cutting through a complete match. Text before {@code
   * from} was released already and is context for look-behinds only. Returns an index in {@code
   * [from, buffer.length()]}.
   */
  public int releasable(CharSequence buffer, int from) {
    int cut = buffer.length();
    for (Rule rule : rules) {
      Matcher m = bounded(rule.pattern().matcher(buffer));
      for (int i = from; i < cut; i++) {
        if (rule.hitsEndAt(m, buffer, i)) {
          cut = i;
          break;
        }
      }
    }
    // A complete match across the cut is held whole.
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Rule rule : rules) {
        Matcher m = bounded(rule.pattern().matcher(buffer));
        int at = from;
        while (rule.find(m, buffer, at, buffer.length()) && m.start() < cut) {
          at = nextFrom(m);
          if (m.end() > cut && m.end() > m.start()) {
            cut = m.start();
            moved = true;
            break;
          }
        }
      }
    }
    return cut;
  }

  /** Whether any rule matches in {@code buffer} from {@code from} on (earlier text is context). */
  public boolean matchesFrom(CharSequence buffer, int from) {
    for (Rule rule : rules) {
      Matcher m = bounded(rule.pattern().matcher(buffer));
      int at = from;
      while (rule.find(m, buffer, at, buffer.length())) {
        at = nextFrom(m);
        if (rule.accepts(m.group())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code context + segment} masked in the segment only: the masked segment. The context (text
   * released before) is seen by look-behinds but never changed.
   */
  public String maskAfter(String context, String segment) {
    String current = segment;
    for (Rule rule : rules) {
      String buffer = context + current;
      Matcher m = bounded(rule.pattern().matcher(buffer));
      StringBuilder out = null;
      int last = context.length();
      int at = context.length();
      while (rule.find(m, buffer, at, buffer.length())) {
        at = nextFrom(m);
        if (!rule.accepts(m.group())) {
          continue;
        }
        if (out == null) {
          out = new StringBuilder(buffer.length());
        }
        out.append(buffer, last, m.start()).append(rule.mask());
        last = m.end();
      }
      if (out != null) {
        current = out.append(buffer, last, buffer.length()).toString();
      }
    }
    return current;
  }

  /** Where the search goes on after a match: its end, or one further for an empty match. */
  private static int nextFrom(Matcher m) {
    return m.end() == m.start() ? m.end() + 1 : m.end();
  }

  private static Matcher bounded(Matcher m) {
    return m.useTransparentBounds(true).useAnchoringBounds(false);
  }
}
