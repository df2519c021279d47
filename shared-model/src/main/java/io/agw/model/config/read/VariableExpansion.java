package io.agw.model.config.read;

import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * agentgateway's expansion of a whole configuration file before it is parsed: it runs the Rust
 * crate {@code shellexpand}'s {@code full} over the text (after blanking the {@code
 * yaml-language-server} schema comment, whose {@code $schema} would otherwise be a variable). No
 * Java library follows that crate's rules, so they are written out here:
 *
 * <ul>
 *   <li>{@code $NAME}: the longest run of letters, digits (a name may start with one) and {@code _}
 *       after the {@code $}, Unicode letters and digits included;
 *   <li>{@code ${NAME}}: everything up to the first {@code }} is the name, whatever it holds;
 *       {@code ${NAME:-default}} gives the default, taken literally (never expanded), when the
 *       variable is not set; a variable set to the empty string gives the empty string;
 *   <li>a variable that is not set (without a default) refuses the file, wherever it is, comments
 *       included;
 *   <li>{@code $$} is a literal {@code $}; a {@code $} followed by anything else (or nothing)
 *       stays; a {@code ${} with no {@code }} anywhere after it stays as written;
 *   <li>a leading {@code ~} of the whole text, alone or before {@code /}, is the home directory.
 * </ul>
 *
 * <p>Unlike the crate, which stops at the first unset variable, every one is reported, each with
 * its line. Stateless.
 */
public final class VariableExpansion {

  private static final String SCHEMA_COMMENT = "# yaml-language-server: $schema";

  /** Shorter values are not hidden from messages: they would hide every number and word. */
  private static final int HIDDEN_MIN_LENGTH = 4;

  private static final int NAME_SHOWN = 60;

  private VariableExpansion() {}

  /**
   * The text of one file, expanded.
   *
   * @param what the file as named in errors, or null for the configuration file itself
   * @throws ConfigException naming every variable that is not set, with its line
   */
  public static Expanded expand(String what, String text, ConfigEnvironment env)
      throws ConfigException {
    String input = text.replace(SCHEMA_COMMENT, "#");
    StringBuilder out = new StringBuilder(input.length());
    Map<String, String> used = new LinkedHashMap<>();
    List<ConfigError> errors = new ArrayList<>();
    int n = input.length();
    int i = 0;
    int line = 1;
    int lineCountedTo = 0;
    while (i < n) {
      int dollar = input.indexOf('$', i);
      if (dollar < 0) {
        out.append(input, i, n);
        break;
      }
      out.append(input, i, dollar);
      int next = dollar + 1;
      if (next < n && input.charAt(next) == '{') {
        int close = input.indexOf('}', next);
        if (close < 0) {
          out.append("${");
          i = next + 1;
          continue;
        }
        String inner = input.substring(next + 1, close);
        int split = inner.indexOf(":-");
        String name = split > 0 ? inner.substring(0, split) : inner;
        String value = env.variables().apply(name);
        if (value != null) {
          out.append(value);
          used.put(name, value);
        } else if (split > 0) {
          out.append(inner, split + 2, inner.length());
        } else {
          line += countLines(input, lineCountedTo, dollar);
          lineCountedTo = dollar;
          errors.add(unset(what, line, name, "${" + inner + "}"));
        }
        i = close + 1;
      } else if (next < n && isNameChar(input.codePointAt(next))) {
        int end = next;
        while (end < n && isNameChar(input.codePointAt(end))) {
          end += Character.charCount(input.codePointAt(end));
        }
        String name = input.substring(next, end);
        String value = env.variables().apply(name);
        if (value != null) {
          out.append(value);
          used.put(name, value);
        } else {
          line += countLines(input, lineCountedTo, dollar);
          lineCountedTo = dollar;
          errors.add(unset(what, line, name, "$" + name));
        }
        i = end;
      } else {
        out.append('$');
        i = next < n && input.charAt(next) == '$' ? next + 1 : next;
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return new Expanded(home(input, out.toString(), env), used);
  }

  private static String home(String input, String expanded, ConfigEnvironment env) {
    // Only a tilde written as the text's first character counts, not one a variable brought.
    if (!input.startsWith("~") || !(expanded.length() == 1 || expanded.charAt(1) == '/')) {
      return expanded;
    }
    String fromVariable = env.variables().apply("HOME");
    Path home =
        fromVariable != null && !fromVariable.isEmpty() ? Path.of(fromVariable) : env.home();
    return home == null ? expanded : home + expanded.substring(1);
  }

  /** Rust's {@code char::is_alphanumeric} (alphabetic, or a numeric category), or {@code _}. */
  private static boolean isNameChar(int codePoint) {
    if (codePoint == '_' || Character.isAlphabetic(codePoint)) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private static int countLines(String text, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static ConfigError unset(String what, int line, String name, String written) {
    String shown =
        written.length() > NAME_SHOWN ? written.substring(0, NAME_SHOWN) + "..." : written;
    shown = shown.replace("\n", "\\n");
    String where = (what == null ? "" : what + " ") + "line " + line;
    String subject = name.isEmpty() ? "an empty variable name" : "the environment variable " + name;
    if (name.length() > NAME_SHOWN || name.contains("\n")) {
      subject = "the environment variable named by " + shown;
    }
    return new ConfigError(
        "",
        where
            + ": "
            + subject
            + " is not set ("
            + shown
            + "; every $ of the file expands an environment variable, as in agentgateway: give"
            + " a default with ${NAME:-default} or write $$ for a literal $)");
  }

  /**
   * An expanded text and the values it took from variables, so that messages about it can hide them
   * (a variable may hold a secret; the text's fields are redacted by name in dumps, but a message
   * may quote any field).
   *
   * @param text the expanded text
   * @param values each variable used, with its value
   */
  public record Expanded(String text, Map<String, String> values) {

    public Expanded {
      values = Map.copyOf(values);
    }

    /** Text that took no variables, such as the gateway's own built-in file. */
    public static Expanded literal(String text) {
      return new Expanded(text, Map.of());
    }

    /** Another text built from this one and {@code other}: both texts' values. */
    public Expanded with(String newText, Expanded other) {
      Map<String, String> both = new LinkedHashMap<>(values);
      both.putAll(other.values);
      return new Expanded(newText, both);
    }

    /** The same values with another text built from it (a merge, a rewrite). */
    public Expanded withText(String newText) {
      return new Expanded(newText, values);
    }

    /** {@code message} with every variable's value (of 4 characters or more) as {@code ${NAME}}. */
    public String hide(String message) {
      String out = message;
      List<Map.Entry<String, String>> longestFirst = new ArrayList<>(values.entrySet());
      longestFirst.sort((a, b) -> b.getValue().length() - a.getValue().length());
      for (Map.Entry<String, String> e : longestFirst) {
        if (e.getValue().length() >= HIDDEN_MIN_LENGTH) {
          out = out.replace(e.getValue(), "${" + e.getKey() + "}");
        }
      }
      return out;
    }

    /** {@code errors} with {@link #hide} applied to every message. */
    public List<ConfigError> hide(List<ConfigError> errors) {
      if (values.isEmpty()) {
        return errors;
      }
      return errors.stream().map(e -> new ConfigError(hide(e.path()), hide(e.message()))).toList();
    }

    /** {@code e} with {@link #hide} applied to every message. */
    public ConfigException hide(ConfigException e) {
      return values.isEmpty() ? e : new ConfigException(hide(e.errors()));
    }
  }
}
