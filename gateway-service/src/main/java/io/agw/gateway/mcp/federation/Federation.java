package io.agw.gateway.mcp.federation;

import io.agw.gateway.mcp.json.McpJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the names of several MCP servers are shown as one: tools and prompts as {@code
 * <target>_<name>}, resources as {@code <target>+<uri>}, or unprefixed when there is one target and
 * the prefix mode is conditional, or when the mode is never. Resolves a client's name back to its
 * target and the server's own name; with several unprefixed targets a name cannot be resolved from
 * itself ({@link #routesByLookup()}), and the caller looks it up in the targets' lists. Pure and
 * immutable.
 */
public final class Federation {

  /** A name resolved to the target that serves it and the name that target knows. */
  public record Routed(String target, String name) {}

  /** The list methods that are merged, with the array they return and the field that is renamed. */
  public enum ListKind {
    TOOLS("tools/list", "tools", "name", McpItem.TOOL),
    PROMPTS("prompts/list", "prompts", "name", McpItem.PROMPT),
    RESOURCES("resources/list", "resources", "uri", McpItem.RESOURCE),
    TEMPLATES("resources/templates/list", "resourceTemplates", "uriTemplate", McpItem.RESOURCE);

    private final String method;
    private final String array;
    private final String field;
    private final McpItem item;

    ListKind(String method, String array, String field, McpItem item) {
      this.method = method;
      this.array = array;
      this.field = field;
      this.item = item;
    }

    public String method() {
      return method;
    }

    public String array() {
      return array;
    }

    public McpItem item() {
      return item;
    }

    /** The field of a list item that holds its name or URI. */
    public String field() {
      return field;
    }

    public static Optional<ListKind> of(String method) {
      for (ListKind k : values()) {
        if (k.method.equals(method)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /** What authorization rules are about. */
  public enum McpItem {
    TOOL("tool"),
    PROMPT("prompt"),
    RESOURCE("resource");

    private final String variable;

    McpItem(String variable) {
      this.variable = variable;
    }

    /** The field of the CEL {@code mcp} variable. */
    public String variable() {
      return variable;
    }
  }

  /** When names carry their target's name. */
  public enum Prefix {
    /** Only when there is more than one target. */
    CONDITIONAL,
    ALWAYS,
    /** Never: names must be unique across targets, and are routed by looking them up. */
    NEVER
  }

  /** Targets, longest name first. */
  private final List<String> targets;

  private final boolean prefixed;

  public Federation(List<String> targets, Prefix mode) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a federation needs a target");
    }
    this.targets =
        targets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    this.prefixed = mode == Prefix.ALWAYS || (mode == Prefix.CONDITIONAL && targets.size() > 1);
  }

  public boolean prefixed() {
    return prefixed;
  }

  /**
   * Whether names are unprefixed while several targets serve them: a client's name then says
   * nothing about its target, and {@link #resolveName}/{@link #resolveUri} resolve nothing.
   */
  public boolean routesByLookup() {
    return !prefixed && targets.size() > 1;
  }

  /** The name a client sees for {@code name} of {@code target}. */
  public String expose(ListKind kind, String target, String name) {
    if (!prefixed) {
      return name;
    }
    return target + (kind.item() == McpItem.RESOURCE ? "+" : "_") + name;
  }

  /** The target and original name of a tool or prompt name given by a client. */
  public Optional<Routed> resolveName(String exposed) {
    return resolve(exposed, '_');
  }

  /** The target and original URI of a resource URI given by a client. */
  public Optional<Routed> resolveUri(String exposed) {
    return resolve(exposed, '+');
  }

  private Optional<Routed> resolve(String exposed, char separator) {
    if (exposed == null) {
      return Optional.empty();
    }
    if (!prefixed) {
      return routesByLookup() ? Optional.empty() : Optional.of(new Routed(targets.get(0), exposed));
    }
    // Longest target first: with targets "a" and "a_b", "a_b_tool" belongs to "a_b".
    for (String target : targets) {
      if (exposed.length() > target.length() + 1
          && exposed.startsWith(target)
          && exposed.charAt(target.length()) == separator) {
        return Optional.of(new Routed(target, exposed.substring(target.length() + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * One target's list items as a client sees them: renamed, and only those {@code visible} lets
   * through (it receives the target and the original name).
   */
  public List<Object> expose(ListKind kind, String target, List<Object> items, Visibility visible) {
    List<Object> out = new ArrayList<>();
    for (Object item : items) {
      Map<String, Object> copy = McpJson.object(item);
      String name = McpJson.string(copy, kind.field);
      if (name == null || !visible.test(kind.item(), target, name)) {
        continue;
      }
      copy.put(kind.field, expose(kind, target, name));
      out.add(copy);
    }
    return out;
  }

  /** Whether a client may see and use an item. */
  @FunctionalInterface
  public interface Visibility {
    Visibility ALL = (item, target, name) -> true;

    boolean test(McpItem item, String target, String name);
  }
}
