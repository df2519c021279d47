package io.agw.gateway.llm.guard;

import io.agw.model.resource.v1.RegexGuardRule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled {@code regex} guard: its rules in order and its action. Masking replaces each match of
 * a built-in with its label ({@code <EMAIL_ADDRESS>}) and each match of a custom pattern with
 * {@code <masked>}; later rules see the text earlier rules masked. Empty matches mask nothing.
 * Immutable and thread-safe.
 */
final class RegexGuard {

  private static final String CUSTOM_MASK = "<masked>";

  private record Rule(Pattern pattern, Builtin builtin) {
    String mask() {
      return builtin == null ? CUSTOM_MASK : builtin.mask();
    }

    boolean accepts(String match) {
      return !match.isEmpty() && (builtin == null || builtin.accepts(match));
    }
  }

  private final List<Rule> rules;
  private final boolean reject;

  private RegexGuard(List<Rule> rules, boolean reject) {
    this.rules = rules;
    this.reject = reject;
  }

  static RegexGuard of(io.agw.model.resource.v1.RegexGuard proto) {
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
  boolean rejects() {
    return reject;
  }

  /** Whether any rule matches {@code text}. */
  boolean matches(String text) {
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        if (rule.accepts(m.group())) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code text} with every match masked; the same instance when nothing matched. */
  String mask(String text) {
    String current = text;
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(current);
      StringBuilder out = null;
      int last = 0;
      while (m.find()) {
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
}
