package io.agw.control.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policies and what they attach to. A target is a {@code Gateway} (all listeners, or one with
 * {@code sectionName}) or an {@code HTTPRoute}, in the policy's namespace. The policies supported
 * so far: timeouts, retries and request/response header changes, and in {@code backend} the {@code
 * ai} policy's {@code promptGuard} for the backends of an {@code HTTPRoute}, and in {@code traffic}
 * (agentgateway's field path) the {@code apiKeyAuthentication} policy.
 */
public class AgentgatewayPolicySpec {

  private List<TargetRef> targetRefs = new ArrayList<>();
  private Timeouts timeouts;
  private Retry retry;
  private HeaderModifier requestHeaderModifier;
  private HeaderModifier responseHeaderModifier;

  @JsonPropertyDescription(
      "Policies for the backends of the targets (agentgateway's spec.backend); HTTPRoute targets"
          + " only.")
  private Backend backend;

  @JsonPropertyDescription(
      "Traffic policies at agentgateway's spec.traffic path; so far apiKeyAuthentication.")
  private Traffic traffic;

  public List<TargetRef> getTargetRefs() {
    return targetRefs;
  }

  public void setTargetRefs(List<TargetRef> targetRefs) {
    this.targetRefs = targetRefs;
  }

  public Timeouts getTimeouts() {
    return timeouts;
  }

  public void setTimeouts(Timeouts timeouts) {
    this.timeouts = timeouts;
  }

  public Retry getRetry() {
    return retry;
  }

  public void setRetry(Retry retry) {
    this.retry = retry;
  }

  public HeaderModifier getRequestHeaderModifier() {
    return requestHeaderModifier;
  }

  public void setRequestHeaderModifier(HeaderModifier requestHeaderModifier) {
    this.requestHeaderModifier = requestHeaderModifier;
  }

  public HeaderModifier getResponseHeaderModifier() {
    return responseHeaderModifier;
  }

  public void setResponseHeaderModifier(HeaderModifier responseHeaderModifier) {
    this.responseHeaderModifier = responseHeaderModifier;
  }

  public Backend getBackend() {
    return backend;
  }

  public void setBackend(Backend backend) {
    this.backend = backend;
  }

  public Traffic getTraffic() {
    return traffic;
  }

  public void setTraffic(Traffic traffic) {
    this.traffic = traffic;
  }

  /** agentgateway's {@code spec.traffic}; so far its {@code apiKeyAuthentication}. */
  public static class Traffic {

    @JsonPropertyDescription(
        "API keys from a Secret, Secrets or ConfigMaps selected by label (agentgateway's"
            + " APIKeyAuthentication).")
    private ApiKeyAuthentication apiKeyAuthentication;

    public ApiKeyAuthentication getApiKeyAuthentication() {
      return apiKeyAuthentication;
    }

    public void setApiKeyAuthentication(ApiKeyAuthentication apiKeyAuthentication) {
      this.apiKeyAuthentication = apiKeyAuthentication;
    }
  }

  /**
   * Policies applied when a backend is called (agentgateway's {@code BackendFull}); so far the
   * {@code ai} policy's {@code promptGuard}. Also the {@code policies} of an {@code
   * AgentgatewayBackend}.
   */
  public static class Backend {

    @JsonPropertyDescription("The ai policy of the backends: so far its promptGuard.")
    private Ai ai;

    public Ai getAi() {
      return ai;
    }

    public void setAi(Ai ai) {
      this.ai = ai;
    }
  }

  /** The {@code ai} policy of a backend. */
  public static class Ai {

    @JsonPropertyDescription(
        "Request and response guards in agentgateway's CRD spelling (AIPromptGuard:"
            + " regex.builtins/matches/action, response.message/statusCode, scope, webhook"
            + " backendRef, streaming) or its standalone PromptGuard spelling"
            + " (regex.rules[].builtin, rejection); see docs/control-plane.md. Checked by the"
            + " control service.")
    private JsonNode promptGuard;

    public JsonNode getPromptGuard() {
      return promptGuard;
    }

    public void setPromptGuard(JsonNode promptGuard) {
      this.promptGuard = promptGuard;
    }
  }

  /** A Gateway API style reference to the policy's target. */
  public static class TargetRef {
    private String group;
    private String kind;
    private String name;
    private String sectionName;

    public String getGroup() {
      return group;
    }

    public void setGroup(String group) {
      this.group = group;
    }

    public String getKind() {
      return kind;
    }

    public void setKind(String kind) {
      this.kind = kind;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getSectionName() {
      return sectionName;
    }

    public void setSectionName(String sectionName) {
      this.sectionName = sectionName;
    }
  }

  /** Durations in Gateway API form ({@code 10s}, {@code 500ms}). */
  public static class Timeouts {
    private String request;
    private String backendRequest;

    public String getRequest() {
      return request;
    }

    public void setRequest(String request) {
      this.request = request;
    }

    public String getBackendRequest() {
      return backendRequest;
    }

    public void setBackendRequest(String backendRequest) {
      this.backendRequest = backendRequest;
    }
  }

  /** Attempts include the first; codes are the statuses that are retried. */
  public static class Retry {
    private Integer attempts;
    private String backoff;
    private List<Integer> codes = new ArrayList<>();

    public Integer getAttempts() {
      return attempts;
    }

    public void setAttempts(Integer attempts) {
      this.attempts = attempts;
    }

    public String getBackoff() {
      return backoff;
    }

    public void setBackoff(String backoff) {
      this.backoff = backoff;
    }

    public List<Integer> getCodes() {
      return codes;
    }

    public void setCodes(List<Integer> codes) {
      this.codes = codes;
    }
  }

  /** Headers to add, set (replace) and remove. */
  public static class HeaderModifier {
    private Map<String, String> add = new LinkedHashMap<>();
    private Map<String, String> set = new LinkedHashMap<>();
    private List<String> remove = new ArrayList<>();

    public Map<String, String> getAdd() {
      return add;
    }

    public void setAdd(Map<String, String> add) {
      this.add = add;
    }

    public Map<String, String> getSet() {
      return set;
    }

    public void setSet(Map<String, String> set) {
      this.set = set;
    }

    public List<String> getRemove() {
      return remove;
    }

    public void setRemove(List<String> remove) {
      this.remove = remove;
    }
  }
}
