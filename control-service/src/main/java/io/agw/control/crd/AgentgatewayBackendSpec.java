package io.agw.control.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * What a backend is: exactly one of {@code static} (host and port), {@code ai} (one LLM provider,
 * its API key from a Secret), {@code a2a} (an agent reached by host and port, with A2A handling) or
 * {@code mcp} (MCP servers over Streamable HTTP or SSE, federated by the gateway); and the {@code
 * policies} applied when it is called.
 */
public class AgentgatewayBackendSpec {

  @JsonProperty("static")
  @JsonPropertyDescription("A fixed host and port, reached over plain HTTP.")
  private StaticTarget staticTarget;

  @JsonPropertyDescription("An LLM provider.")
  private Ai ai;

  @JsonPropertyDescription(
      "An Agent-to-Agent server: agent cards are rewritten to the gateway's address and calls"
          + " recorded.")
  private StaticTarget a2a;

  @JsonPropertyDescription(
      "MCP servers over Streamable HTTP or SSE, federated by the gateway into one MCP server.")
  private Mcp mcp;

  @JsonPropertyDescription(
      "Policies applied when this backend is called (agentgateway's spec.policies); so far"
          + " ai.promptGuard, on ai backends.")
  private AgentgatewayPolicySpec.Backend policies;

  public StaticTarget getStaticTarget() {
    return staticTarget;
  }

  public void setStaticTarget(StaticTarget staticTarget) {
    this.staticTarget = staticTarget;
  }

  public Ai getAi() {
    return ai;
  }

  public void setAi(Ai ai) {
    this.ai = ai;
  }

  public StaticTarget getA2a() {
    return a2a;
  }

  public void setA2a(StaticTarget a2a) {
    this.a2a = a2a;
  }

  public Mcp getMcp() {
    return mcp;
  }

  public void setMcp(Mcp mcp) {
    this.mcp = mcp;
  }

  public AgentgatewayPolicySpec.Backend getPolicies() {
    return policies;
  }

  public void setPolicies(AgentgatewayPolicySpec.Backend policies) {
    this.policies = policies;
  }

  /** A fixed host (name or address) and port. */
  public static class StaticTarget {
    private String host;
    private Integer port;

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public Integer getPort() {
      return port;
    }

    public void setPort(Integer port) {
      this.port = port;
    }
  }

  /**
   * One LLM provider: exactly one of {@code openai}, {@code anthropic}, {@code azure}; optional
   * host override and path prefix (mirrors, simulators); the API key from a Secret.
   */
  public static class Ai {
    private Model openai;
    private Model anthropic;
    private Azure azure;

    @JsonPropertyDescription(
        "host:port to call instead of the provider's own host (plain HTTP), for mirrors and"
            + " simulators.")
    private String hostOverride;

    @JsonPropertyDescription("Replaces the provider's default base path, for example /v1.")
    private String pathPrefix;

    @JsonPropertyDescription("The API key sent to the provider, from a Secret.")
    private SecretKeyRef apiKey;

    public Model getOpenai() {
      return openai;
    }

    public void setOpenai(Model openai) {
      this.openai = openai;
    }

    public Model getAnthropic() {
      return anthropic;
    }

    public void setAnthropic(Model anthropic) {
      this.anthropic = anthropic;
    }

    public Azure getAzure() {
      return azure;
    }

    public void setAzure(Azure azure) {
      this.azure = azure;
    }

    public String getHostOverride() {
      return hostOverride;
    }

    public void setHostOverride(String hostOverride) {
      this.hostOverride = hostOverride;
    }

    public String getPathPrefix() {
      return pathPrefix;
    }

    public void setPathPrefix(String pathPrefix) {
      this.pathPrefix = pathPrefix;
    }

    public SecretKeyRef getApiKey() {
      return apiKey;
    }

    public void setApiKey(SecretKeyRef apiKey) {
      this.apiKey = apiKey;
    }
  }

  /** A provider's settings: the model sent upstream (empty keeps the client's). */
  public static class Model {
    private String model;

    public String getModel() {
      return model;
    }

    public void setModel(String model) {
      this.model = model;
    }
  }

  /** Azure OpenAI: the deployment ({@code model}) and where the resource is. */
  public static class Azure extends Model {
    private String resourceName;

    @JsonPropertyDescription("openAI (the default), foundry or aiServices.")
    private String resourceType;

    private String apiVersion;
    private String projectName;

    public String getResourceName() {
      return resourceName;
    }

    public void setResourceName(String resourceName) {
      this.resourceName = resourceName;
    }

    public String getResourceType() {
      return resourceType;
    }

    public void setResourceType(String resourceType) {
      this.resourceType = resourceType;
    }

    public String getApiVersion() {
      return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
      this.apiVersion = apiVersion;
    }

    public String getProjectName() {
      return projectName;
    }

    public void setProjectName(String projectName) {
      this.projectName = projectName;
    }
  }

  /** A value in a Secret: by default the key {@code apiKey} of a Secret in the same namespace. */
  public static class SecretKeyRef {
    private SecretRef secretRef;

    public SecretRef getSecretRef() {
      return secretRef;
    }

    public void setSecretRef(SecretRef secretRef) {
      this.secretRef = secretRef;
    }
  }

  /**
   * A Secret and one of its keys. Another namespace needs a ReferenceGrant there from {@code
   * agw.io/AgentgatewayBackend} to {@code Secret}.
   */
  public static class SecretRef {
    private String name;
    private String namespace;

    @JsonPropertyDescription("The key in the Secret's data; default apiKey.")
    private String key;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getNamespace() {
      return namespace;
    }

    public void setNamespace(String namespace) {
      this.namespace = namespace;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }
  }

  /** MCP servers behind one backend, federated by the gateway into one MCP endpoint. */
  public static class Mcp {
    private List<McpTarget> targets = new ArrayList<>();

    @JsonPropertyDescription(
        "Stateful (the default): the gateway issues an Mcp-Session-Id and keeps a session per"
            + " client; Stateless: every request stands alone (agentgateway's sessionRouting, the"
            + " file's statefulMode).")
    private String sessionRouting;

    @JsonPropertyDescription(
        "Conditional (the default): tool and prompt names are prefixed with the target's name only"
            + " with several targets; Always: prefixed even with one; Never: never prefixed,"
            + " calls routed to the target that lists the name.")
    private String prefixMode;

    @JsonPropertyDescription(
        "FailClosed (the default): a target that fails fails the request; FailOpen: the targets"
            + " that answer are served.")
    private String failureMode;

    @JsonPropertyDescription(
        "Refuse (403) requests whose Host, or Origin when present, is not a localhost name.")
    private Boolean dnsRebindingProtection;

    public List<McpTarget> getTargets() {
      return targets;
    }

    public void setTargets(List<McpTarget> targets) {
      this.targets = targets;
    }

    public String getSessionRouting() {
      return sessionRouting;
    }

    public void setSessionRouting(String sessionRouting) {
      this.sessionRouting = sessionRouting;
    }

    public String getPrefixMode() {
      return prefixMode;
    }

    public void setPrefixMode(String prefixMode) {
      this.prefixMode = prefixMode;
    }

    public String getFailureMode() {
      return failureMode;
    }

    public void setFailureMode(String failureMode) {
      this.failureMode = failureMode;
    }

    public Boolean getDnsRebindingProtection() {
      return dnsRebindingProtection;
    }

    public void setDnsRebindingProtection(Boolean dnsRebindingProtection) {
      this.dnsRebindingProtection = dnsRebindingProtection;
    }
  }

  /** One MCP server: a name, where it is and its transport. */
  public static class McpTarget extends StaticTarget {
    private String name;
    private String path;

    @JsonPropertyDescription("StreamableHTTP (the default) or SSE.")
    private String protocol;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getProtocol() {
      return protocol;
    }

    public void setProtocol(String protocol) {
      this.protocol = protocol;
    }
  }
}
