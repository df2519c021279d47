package io.agw.control.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Rewrites a {@code promptGuard} written in agentgateway's CRD spelling ({@code AIPromptGuard}:
 * {@code regex.matches}/{@code builtins: [Ssn]}/{@code action: Reject}, {@code response.message}/
 * {@code statusCode}, scopes {@code SystemPrompt}, webhook {@code backendRef}, Bedrock {@code
 * identifier}/{@code version}, failure mode {@code FailOpen}, a service's {@code tls} and {@code
 * auth.gcp}) into the standalone {@code PromptGuard} spelling that {@code
 * ConfigLoader.loadPromptGuard} reads. A field already in the standalone spelling is kept as
 * written: the two spellings share no field name with a different meaning, so each field is
 * rewritten only where it is in the CRD spelling. A webhook's {@code backendRef} to a Service
 * becomes the Service's in-cluster {@code host:port}. Pure: the input is not changed.
 */
final class CrdPromptGuards {

  /** The CRD's {@code BuiltIn}, {@code ContentScope}, {@code Action} and failure-mode values. */
  private static final Map<String, String> ENUMS =
      Map.ofEntries(
          Map.entry("Ssn", "ssn"),
          Map.entry("CreditCard", "creditCard"),
          Map.entry("PhoneNumber", "phoneNumber"),
          Map.entry("Email", "email"),
          Map.entry("CaSin", "caSin"),
          Map.entry("SystemPrompt", "systemPrompt"),
          Map.entry("Messages", "messages"),
          Map.entry("ToolOutput", "toolOutput"),
          Map.entry("ToolInput", "toolInput"),
          Map.entry("Mask", "mask"),
          Map.entry("Reject", "reject"),
          Map.entry("FailOpen", "failOpen"),
          Map.entry("FailClosed", "failClosed"),
          Map.entry("IdToken", "idToken"),
          Map.entry("AccessToken", "accessToken"));

  private static final Set<String> HEADER_MATCH_TYPES = Set.of("Exact", "RegularExpression");

  private final String namespace;
  private final BiPredicate<String, String> serviceExists;
  private final List<String> problems = new ArrayList<>();

  private CrdPromptGuards(String namespace, BiPredicate<String, String> serviceExists) {
    this.namespace = namespace;
    this.serviceExists = serviceExists;
  }

  /**
   * The guard in the standalone spelling.
   *
   * @param path where the guard is written, for problems
   * @param namespace the namespace of the resource holding the guard, the default of a {@code
   *     backendRef}'s namespace
   * @param serviceExists whether the Service {@code (namespace, name)} exists
   * @throws IllegalArgumentException listing every problem, each with its path
   */
  static JsonNode toStandalone(
      String path, JsonNode guard, String namespace, BiPredicate<String, String> serviceExists) {
    if (!guard.isObject()) {
      return guard;
    }
    CrdPromptGuards c = new CrdPromptGuards(namespace, serviceExists);
    ObjectNode out = guard.deepCopy();
    c.guards(path + ".request", out.get("request"));
    c.guards(path + ".response", out.get("response"));
    if (!c.problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", c.problems));
    }
    return out;
  }

  private void guards(String path, JsonNode list) {
    if (list == null || !list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof ObjectNode g) {
        guard(path + "[" + i + "]", g);
      }
    }
  }

  private void guard(String at, ObjectNode g) {
    if (g.get("response") instanceof ObjectNode custom) {
      if (g.has("rejection")) {
        problems.add(at + ": set response or rejection, not both");
      }
      ObjectNode rejection = g.putObject("rejection");
      if (custom.has("statusCode")) {
        rejection.set("status", custom.get("statusCode"));
      }
      if (custom.has("message")) {
        rejection.set("body", custom.get("message"));
      }
      g.remove("response");
    }
    if (g.get("scope") instanceof ArrayNode scope) {
      enums(scope);
    }
    if (g.get("regex") instanceof ObjectNode regex) {
      regex(at + ".regex", regex);
    }
    if (g.get("webhook") instanceof ObjectNode webhook) {
      webhook(at + ".webhook", webhook);
    }
    if (g.get("bedrockGuardrails") instanceof ObjectNode bedrock) {
      rename(bedrock, "identifier", "guardrailIdentifier");
      rename(bedrock, "version", "guardrailVersion");
    }
    for (String service : List.of("openAIModeration", "bedrockGuardrails", "googleModelArmor")) {
      if (g.path(service).get("policies") instanceof ObjectNode policies) {
        policies(at + "." + service + ".policies", policies);
      }
    }
  }

  /**
   * The CRD's {@code BackendSimple} policies of a guard's own service calls: {@code tls} becomes
   * {@code backendTLS}, {@code auth.gcp} becomes {@code backendAuth.gcp}. A Secret reference
   * ({@code auth.secretRef}, {@code auth.aws.secretRef}) is refused: the guard's content is not
   * resolved against Secrets yet.
   */
  private void policies(String at, ObjectNode policies) {
    if (policies.remove("tls") instanceof ObjectNode tls) {
      ObjectNode backendTls = policies.putObject("backendTLS");
      String insecure = tls.path("insecureSkipVerify").asText("");
      tls.remove("insecureSkipVerify");
      switch (insecure) {
        case "" -> {}
        case "All" -> backendTls.put("insecure", true);
        case "Hostname" -> backendTls.put("insecureHost", true);
        default -> problems.add(at + ".tls.insecureSkipVerify: one of All, Hostname");
      }
      rename(tls, "sni", "hostname");
      rename(tls, "alpnProtocols", "alpn");
      backendTls.setAll(tls);
    }
    if (policies.get("auth") instanceof ObjectNode auth) {
      if (auth.has("secretRef") || auth.path("aws").has("secretRef")) {
        problems.add(
            at
                + ".auth: a Secret reference is not supported in a prompt guard yet; use"
                + " backendAuth with the credentials, or no auth for the default chain");
        return;
      }
      if (auth.get("gcp") instanceof ObjectNode gcp) {
        enumField(gcp, "type");
      }
      policies.set("backendAuth", policies.remove("auth"));
    }
  }

  private void regex(String at, ObjectNode regex) {
    enumField(regex, "action");
    if (!regex.has("matches") && !regex.has("builtins")) {
      return;
    }
    if (regex.has("rules")) {
      problems.add(at + ": set matches and builtins, or rules, not both");
      return;
    }
    ArrayNode rules = JsonNodeFactory.instance.arrayNode();
    // agentgateway's controller lists the patterns before the builtins.
    for (JsonNode m : iterable(regex.remove("matches"))) {
      rules.addObject().set("pattern", m);
    }
    for (JsonNode b : iterable(regex.remove("builtins"))) {
      rules.addObject().set("builtin", b.isTextual() ? text(ENUMS.get(b.asText()), b) : b);
    }
    regex.set("rules", rules);
  }

  private void webhook(String at, ObjectNode webhook) {
    enumField(webhook, "failureMode");
    if (webhook.get("forwardHeaderMatches") instanceof ArrayNode matches) {
      for (int i = 0; i < matches.size(); i++) {
        if (matches.get(i) instanceof ObjectNode m && m.path("value").isTextual()) {
          headerMatch(at + ".forwardHeaderMatches[" + i + "]", m);
        }
      }
    }
    JsonNode ref = webhook.remove("backendRef");
    if (ref == null) {
      return;
    }
    if (webhook.has("target")) {
      problems.add(at + ": set backendRef or target, not both");
      return;
    }
    String group = ref.path("group").asText("");
    String kind = ref.path("kind").asText("Service");
    String ns = ref.path("namespace").asText(namespace);
    String name = ref.path("name").asText("");
    if (!group.isEmpty() || !kind.equals("Service")) {
      problems.add(
          at + ".backendRef: kind " + group + "/" + kind + " is not supported; use a Service");
    } else if (!ns.equals(namespace)) {
      problems.add(at + ".backendRef: a Service in another namespace is not supported yet");
    } else if (!ref.path("port").canConvertToInt()) {
      problems.add(at + ".backendRef: a port is required");
    } else if (!serviceExists.test(ns, name)) {
      problems.add(at + ".backendRef: Service " + ns + "/" + name + " does not exist");
    } else {
      webhook
          .putObject("target")
          .put("host", name + "." + ns + ".svc.cluster.local:" + ref.path("port").asInt());
    }
  }

  /** A Gateway API {@code HTTPHeaderMatch} ({@code type}, {@code name}, {@code value}). */
  private void headerMatch(String at, ObjectNode m) {
    String type = m.path("type").asText("Exact");
    if (!HEADER_MATCH_TYPES.contains(type)) {
      problems.add(at + ".type: a header match type is one of Exact, RegularExpression");
      return;
    }
    m.remove("type");
    JsonNode value = m.get("value");
    m.putObject("value").set(type.equals("Exact") ? "exact" : "regex", value);
  }

  private static void enums(ArrayNode values) {
    for (int i = 0; i < values.size(); i++) {
      JsonNode v = values.get(i);
      if (v.isTextual() && ENUMS.containsKey(v.asText())) {
        values.set(i, JsonNodeFactory.instance.textNode(ENUMS.get(v.asText())));
      }
    }
  }

  private static void enumField(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    if (v != null && v.isTextual() && ENUMS.containsKey(v.asText())) {
      o.put(field, ENUMS.get(v.asText()));
    }
  }

  private static void rename(ObjectNode o, String from, String to) {
    if (o.has(from) && !o.has(to)) {
      o.set(to, o.remove(from));
    }
  }

  private static JsonNode text(String mapped, JsonNode original) {
    return mapped == null ? original : JsonNodeFactory.instance.textNode(mapped);
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node == null || !node.isArray() ? List.of() : node;
  }
}
