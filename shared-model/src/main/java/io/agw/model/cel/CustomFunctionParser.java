package io.agw.model.cel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits the text of {@code config.customFunctions} into definitions, as agentgateway reads it:
 * definitions one after another, {@code #} comment lines between them, a body that runs to the
 * brace closing the first {@code {}} (braces inside quotes and nested braces are part of the body).
 * The body itself is not parsed here. Stateless.
 */
final class CustomFunctionParser {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private CustomFunctionParser() {}

  /**
   * @throws InvalidCustomFunctions.Problem when a definition is malformed
   */
  static List<CustomFunctionDefinition> parse(String text) {
    List<CustomFunctionDefinition> out = new ArrayList<>();
    int at = 0;
    while (true) {
      at = skipBlank(text, at);
      if (at >= text.length()) {
        return out;
      }
      if (text.charAt(at) == '#') {
        int newline = text.indexOf('\n', at);
        if (newline < 0) {
          return out;
        }
        at = newline + 1;
        continue;
      }
      int line = lineOf(text, at);
      int open = text.indexOf('{', at);
      if (open < 0) {
        throw new InvalidCustomFunctions.Problem(line, "the definition has no body '{ ... }'");
      }
      int close = closingBrace(text, open, line);
      String header = text.substring(at, open).strip();
      String body = text.substring(open + 1, close).strip();
      int bodyStart = Math.min(skipBlank(text, open + 1), close);
      int column = bodyStart - text.lastIndexOf('\n', bodyStart - 1);
      out.add(definition(header, body, line, lineOf(text, bodyStart), column));
      at = close + 1;
    }
  }

  private static int skipBlank(String text, int at) {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }

  static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int closingBrace(String text, int open, int line) {
    int depth = 1;
    char quote = 0;
    boolean escaped = false;
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new InvalidCustomFunctions.Problem(line, "the body has no closing '}'");
  }

  private static CustomFunctionDefinition definition(
      String header, String body, int line, int bodyLine, int bodyColumn) {
    int paren = header.indexOf('(');
    if (paren < 0) {
      throw new InvalidCustomFunctions.Problem(
          line, "'" + header + "' has no parameter list: write name(params) { body }");
    }
    if (!header.endsWith(")")) {
      throw new InvalidCustomFunctions.Problem(
          line, "'" + header + "' is not a function header: write name(params) { body }");
    }
    String qualified = header.substring(0, paren).strip();
    boolean receiver = qualified.startsWith("this.");
    String name = receiver ? qualified.substring("this.".length()) : qualified;
    identifier(name, line);
    List<String> params = new ArrayList<>();
    String variadic = null;
    String list = header.substring(paren + 1, header.length() - 1).strip();
    if (!list.isEmpty()) {
      for (String raw : list.split(",", -1)) {
        String param = raw.strip();
        if (variadic != null) {
          throw new InvalidCustomFunctions.Problem(
              line, name + ": the variadic parameter '" + variadic + "...' must be the last");
        }
        if (param.endsWith("...")) {
          variadic = identifier(param.substring(0, param.length() - 3).strip(), line);
        } else {
          params.add(identifier(param, line));
        }
      }
    }
    List<String> all = new ArrayList<>(params);
    if (variadic != null) {
      all.add(variadic);
    }
    if (all.stream().distinct().count() != all.size()) {
      throw new InvalidCustomFunctions.Problem(line, name + ": a parameter name is repeated");
    }
    if (body.isEmpty()) {
      throw new InvalidCustomFunctions.Problem(line, name + ": the body is empty");
    }
    return new CustomFunctionDefinition(
        name, receiver, params, variadic, body, line, bodyLine, bodyColumn);
  }

  private static String identifier(String name, int line) {
    if (name.equals("this")) {
      throw new InvalidCustomFunctions.Problem(line, "'this' cannot name a function or parameter");
    }
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new InvalidCustomFunctions.Problem(
          line,
          "'" + name + "' is not a valid name (a letter or '_', then letters, digits or '_')");
    }
    return name;
  }
}
