package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import com.google.protobuf.ByteString;
import io.agw.model.config.yaml.GuardRejectionYaml;
import io.agw.model.config.yaml.PromptGuardYaml;
import io.agw.model.config.yaml.RegexRuleYaml;
import io.agw.model.config.yaml.RegexRulesYaml;
import io.agw.model.config.yaml.RequestGuardYaml;
import io.agw.model.config.yaml.ResponseGuardYaml;
import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.ContentScope;
import io.agw.model.resource.v1.GuardRejection;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.RegexGuard;
import io.agw.model.resource.v1.RegexGuardRule;
import io.agw.model.resource.v1.RequestGuard;
import io.agw.model.resource.v1.ResponseGuard;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Maps {@code ai.promptGuard}. Every custom pattern is compiled here, so a pattern that does not
 * compile refuses the configuration with its path rather than failing on the first request.
 */
final class PromptGuardMapper {

  /** agentgateway's default rejection. */
  static final String DEFAULT_BODY = "The request was rejected due to inappropriate content";

  static final int DEFAULT_STATUS = 403;

  private static final String KIND_TWICE = "a guard has one kind; set only one of ";

  private static final String REQUEST_KINDS =
      "regex, webhook, openAIModeration, bedrockGuardrails, googleModelArmor, azureContentSafety";

  private static final String RESPONSE_KINDS =
      "regex, webhook, bedrockGuardrails, googleModelArmor, azureContentSafety";

  private static final String KIND_MISSING = "set the guard's kind, one of ";

  private static final List<ContentScope> DEFAULT_SCOPE =
      List.of(ContentScope.CONTENT_SCOPE_SYSTEM_PROMPT, ContentScope.CONTENT_SCOPE_MESSAGES);

  private static final Map<String, BuiltinPattern> BUILTINS = builtins();

  private static final Map<String, ContentScope> SCOPES =
      Map.of(
          "systemPrompt", ContentScope.CONTENT_SCOPE_SYSTEM_PROMPT,
          "messages", ContentScope.CONTENT_SCOPE_MESSAGES,
          "toolInput", ContentScope.CONTENT_SCOPE_TOOL_INPUT,
          "toolOutput", ContentScope.CONTENT_SCOPE_TOOL_OUTPUT);

  /** What a response guard can read of an answer. */
  private static final Map<String, ContentScope> ANSWER_SCOPES =
      Map.of(
          "messages", ContentScope.CONTENT_SCOPE_MESSAGES,
          "toolInput", ContentScope.CONTENT_SCOPE_TOOL_INPUT);

  private final MappingContext ctx;
  private final GuardServiceMapper services;

  private final CloudGuardMapper cloud;

  PromptGuardMapper(MappingContext ctx) {
    this.ctx = ctx;
    this.services = new GuardServiceMapper(ctx);
    this.cloud = new CloudGuardMapper(ctx);
  }

  PromptGuard promptGuard(String path, PromptGuardYaml yaml) {
    PromptGuard.Builder b = PromptGuard.newBuilder();
    if (yaml.streaming() != null) {
      switch (yaml.streaming()) {
        case "Enabled" -> b.setStreaming(true);
        case "Disabled" -> b.setStreaming(false);
        default -> ctx.error(path + ".streaming", "streaming is one of Enabled, Disabled");
      }
    }
    for (int i = 0; i < list(yaml.request()).size(); i++) {
      String at = path + ".request[" + i + "]";
      RequestGuardYaml guard = yaml.request().get(i);
      if (guard == null) {
        ctx.error(at, "must not be empty");
        continue;
      }
      RequestGuard.Builder g = RequestGuard.newBuilder();
      if (guard.scope() != null) {
        if (guard.scope().isEmpty()) {
          ctx.error(at + ".scope", "must list at least one scope");
        }
        for (int j = 0; j < guard.scope().size(); j++) {
          ContentScope scope = SCOPES.get(guard.scope().get(j));
          if (scope == null) {
            ctx.error(
                at + ".scope[" + j + "]",
                "a scope is one of systemPrompt, messages, toolInput, toolOutput");
          } else {
            g.addScope(scope);
          }
        }
      }
      g.setRejection(rejection(at + ".rejection", guard.rejection()));
      if (kinds(
              guard.regex(),
              guard.webhook(),
              guard.openAIModeration(),
              guard.bedrockGuardrails(),
              guard.googleModelArmor(),
              guard.azureContentSafety())
          > 1) {
        ctx.error(at, KIND_TWICE + REQUEST_KINDS);
      } else if (guard.regex() != null) {
        g.setRegex(regex(at + ".regex", guard.regex()));
      } else if (guard.webhook() != null) {
        g.setWebhook(new WebhookGuardMapper(ctx).webhook(at + ".webhook", guard.webhook()));
      } else if (guard.openAIModeration() != null) {
        g.setOpenaiModeration(
            services.moderation(at + ".openAIModeration", guard.openAIModeration()));
        defaultScopeOnly(at, g.getScopeList(), "openAIModeration");
      } else if (guard.bedrockGuardrails() != null) {
        g.setBedrockGuardrails(cloud.bedrock(at + ".bedrockGuardrails", guard.bedrockGuardrails()));
      } else if (guard.googleModelArmor() != null) {
        g.setGoogleModelArmor(cloud.modelArmor(at + ".googleModelArmor", guard.googleModelArmor()));
        defaultScopeOnly(at, g.getScopeList(), "googleModelArmor");
      } else if (guard.azureContentSafety() != null) {
        g.setAzureContentSafety(
            services.azureContentSafety(
                at + ".azureContentSafety", guard.azureContentSafety(), true));
        defaultScopeOnly(at, g.getScopeList(), "azureContentSafety");
      } else {
        // After an unsupported kind (openAIModeration, ...) its own refusal says it all.
        ctx.errorUnlessReported(at, KIND_MISSING + REQUEST_KINDS);
      }
      b.addRequest(g);
    }
    for (int i = 0; i < list(yaml.response()).size(); i++) {
      String at = path + ".response[" + i + "]";
      ResponseGuardYaml guard = yaml.response().get(i);
      if (guard == null) {
        ctx.error(at, "must not be empty");
        continue;
      }
      ResponseGuard.Builder g = ResponseGuard.newBuilder();
      if (guard.scope() != null) {
        if (guard.scope().isEmpty()) {
          ctx.error(at + ".scope", "must list at least one scope");
        }
        for (int j = 0; j < guard.scope().size(); j++) {
          ContentScope scope = ANSWER_SCOPES.get(guard.scope().get(j));
          if (scope == null) {
            ctx.error(
                at + ".scope[" + j + "]", "a response guard's scope is one of messages, toolInput");
          } else {
            g.addScope(scope);
          }
        }
      }
      g.setRejection(rejection(at + ".rejection", guard.rejection()));
      if (kinds(
              guard.regex(),
              guard.webhook(),
              guard.bedrockGuardrails(),
              guard.googleModelArmor(),
              guard.azureContentSafety())
          > 1) {
        ctx.error(at, KIND_TWICE + RESPONSE_KINDS);
      } else if (guard.regex() != null) {
        g.setRegex(regex(at + ".regex", guard.regex()));
      } else if (guard.webhook() != null) {
        g.setWebhook(new WebhookGuardMapper(ctx).webhook(at + ".webhook", guard.webhook()));
      } else if (guard.bedrockGuardrails() != null) {
        g.setBedrockGuardrails(cloud.bedrock(at + ".bedrockGuardrails", guard.bedrockGuardrails()));
      } else if (guard.googleModelArmor() != null) {
        g.setGoogleModelArmor(cloud.modelArmor(at + ".googleModelArmor", guard.googleModelArmor()));
      } else if (guard.azureContentSafety() != null) {
        g.setAzureContentSafety(
            services.azureContentSafety(
                at + ".azureContentSafety", guard.azureContentSafety(), false));
      } else {
        // After an unsupported kind (bedrockGuardrails, ...) its own refusal says it all.
        ctx.errorUnlessReported(at, KIND_MISSING + RESPONSE_KINDS);
      }
      b.addResponse(g);
    }
    return b.build();
  }

  private static int kinds(Object... kinds) {
    int set = 0;
    for (Object kind : kinds) {
      if (kind != null) {
        set++;
      }
    }
    return set;
  }

  /**
   * As agentgateway: the guards that send texts to a service read the system prompt and the
   * messages, so another scope is refused rather than silently ignored.
   */
  private void defaultScopeOnly(String path, List<ContentScope> scope, String kind) {
    if (!scope.isEmpty()
        && !(scope.size() == DEFAULT_SCOPE.size() && scope.containsAll(DEFAULT_SCOPE))) {
      ctx.error(
          path + ".scope",
          kind + " guards read the system prompt and messages: scope is [systemPrompt, messages]");
    }
  }

  /** A regex guard's action and rules; every custom pattern is compiled here. */
  RegexGuard regex(String path, RegexRulesYaml yaml) {
    RegexGuard.Builder b = RegexGuard.newBuilder();
    if (yaml.action() != null) {
      switch (yaml.action()) {
        case "mask" -> b.setReject(false);
        case "reject" -> b.setReject(true);
        default -> ctx.error(path + ".action", "an action is one of mask, reject");
      }
    }
    if (!ctx.require(path + ".rules", yaml.rules())) {
      return b.build();
    }
    if (yaml.rules().isEmpty()) {
      ctx.error(path + ".rules", "must list at least one rule");
    }
    for (int i = 0; i < yaml.rules().size(); i++) {
      String at = path + ".rules[" + i + "]";
      RegexRuleYaml rule = yaml.rules().get(i);
      if (rule == null || (rule.builtin() == null) == (rule.pattern() == null)) {
        ctx.error(at, "set either builtin or pattern");
        continue;
      }
      if (rule.builtin() != null) {
        BuiltinPattern builtin = BUILTINS.get(rule.builtin());
        if (builtin == null) {
          ctx.error(
              at + ".builtin",
              "unknown built-in '"
                  + rule.builtin()
                  + "'; use one of "
                  + String.join(", ", BUILTINS.keySet()));
        } else {
          b.addRules(RegexGuardRule.newBuilder().setBuiltin(builtin));
        }
        continue;
      }
      if (rule.pattern().isEmpty()) {
        ctx.error(at + ".pattern", "must not be empty");
        continue;
      }
      try {
        Pattern.compile(rule.pattern());
        b.addRules(RegexGuardRule.newBuilder().setPattern(rule.pattern()));
      } catch (PatternSyntaxException e) {
        ctx.error(
            at + ".pattern",
            "not a valid regular expression: "
                + e.getDescription()
                + " near index "
                + e.getIndex());
      }
    }
    return b.build();
  }

  private GuardRejection rejection(String path, GuardRejectionYaml yaml) {
    GuardRejection.Builder b =
        GuardRejection.newBuilder()
            .setStatus(DEFAULT_STATUS)
            .setBody(ByteString.copyFromUtf8(DEFAULT_BODY));
    if (yaml == null) {
      return b.build();
    }
    if (yaml.status() != null) {
      if (yaml.status() < 100 || yaml.status() > 599) {
        ctx.error(path + ".status", "an HTTP status is between 100 and 599");
      } else {
        b.setStatus(yaml.status());
      }
    }
    if (yaml.body() != null) {
      body(path + ".body", yaml.body(), b);
    }
    if (yaml.headers() != null) {
      b.setHeaders(new HeaderPolicyMapper(ctx).headerModifier(path + ".headers", yaml.headers()));
    }
    return b.build();
  }

  /** agentgateway's {@code Bytes}: a string, or a list of byte values. */
  private void body(String path, JsonNode body, GuardRejection.Builder b) {
    if (body.isString()) {
      b.setBody(ByteString.copyFrom(body.stringValue(), StandardCharsets.UTF_8));
      return;
    }
    if (body.isArray()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (JsonNode item : body) {
        if (!item.isIntegralNumber() || item.asInt() < 0 || item.asInt() > 255) {
          ctx.error(path, "a body is a string or a list of byte values (0 to 255)");
          return;
        }
        bytes.write(item.asInt());
      }
      b.setBody(ByteString.copyFrom(bytes.toByteArray()));
      return;
    }
    ctx.error(path, "a body is a string or a list of byte values (0 to 255)");
  }

  private static Map<String, BuiltinPattern> builtins() {
    Map<String, BuiltinPattern> m = new LinkedHashMap<>();
    m.put("ssn", BuiltinPattern.BUILTIN_SSN);
    m.put("creditCard", BuiltinPattern.BUILTIN_CREDIT_CARD);
    m.put("phoneNumber", BuiltinPattern.BUILTIN_PHONE_NUMBER);
    m.put("email", BuiltinPattern.BUILTIN_EMAIL);
    m.put("caSin", BuiltinPattern.BUILTIN_CA_SIN);
    return java.util.Collections.unmodifiableMap(m);
  }

  static List<String> builtinNames() {
    return List.copyOf(BUILTINS.keySet());
  }
}
