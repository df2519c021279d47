package io.agw.control.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * agentgateway's {@code APIKeyAuthentication} ({@code spec.traffic.apiKeyAuthentication}): the
 * accepted API keys come from exactly one source, a Secret by name ({@code secretRef}), every
 * Secret ({@code secretSelector}) or every ConfigMap ({@code configMapSelector}) with the given
 * labels in the policy's namespace. Each data entry is one key: the raw key, or JSON {@code {"key":
 * ...}} / {@code {"keyHash": "sha256:<hex>"}} with optional {@code metadata}; ConfigMap entries
 * must use {@code keyHash}.
 */
@ValidationRule(
    value =
        "[has(self.secretRef),has(self.secretSelector),has(self.configMapSelector)]"
            + ".filter(x,x==true).size() == 1",
    message =
        "exactly one of the fields in [secretRef secretSelector configMapSelector] must be set")
public class ApiKeyAuthentication {

  /** agentgateway's {@code APIKeyAuthenticationMode}. */
  public enum Mode {
    /** A valid key is required. */
    @JsonProperty("Strict")
    STRICT,
    /** A key, when present, must be valid; a request without one passes. */
    @JsonProperty("Optional")
    OPTIONAL,
    /** Requests are never refused for a missing or invalid key. */
    @JsonProperty("Permissive")
    PERMISSIVE
  }

  @JsonPropertyDescription("Validation mode: Strict (default), Optional or Permissive.")
  @Default("Strict")
  private Mode mode;

  @JsonPropertyDescription(
      "A Secret in the policy's namespace; each data entry is one API key: the raw key, or JSON"
          + " {\"key\": ...} or {\"keyHash\": \"sha256:<hex>\"} with optional metadata.")
  private SecretObjectRef secretRef;

  @JsonPropertyDescription(
      "Every Secret in the policy's namespace with these labels; entries as for secretRef.")
  private LabelSelector secretSelector;

  @JsonPropertyDescription(
      "Every ConfigMap in the policy's namespace with these labels; each entry must be JSON with"
          + " keyHash (a raw key is refused: ConfigMaps are not confidential).")
  private LabelSelector configMapSelector;

  @JsonPropertyDescription(
      "Where the key is read from; default the Authorization header with the Bearer prefix.")
  private CredentialLocation location;

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public SecretObjectRef getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(SecretObjectRef secretRef) {
    this.secretRef = secretRef;
  }

  public LabelSelector getSecretSelector() {
    return secretSelector;
  }

  public void setSecretSelector(LabelSelector secretSelector) {
    this.secretSelector = secretSelector;
  }

  public LabelSelector getConfigMapSelector() {
    return configMapSelector;
  }

  public void setConfigMapSelector(LabelSelector configMapSelector) {
    this.configMapSelector = configMapSelector;
  }

  public CredentialLocation getLocation() {
    return location;
  }

  public void setLocation(CredentialLocation location) {
    this.location = location;
  }

  /** agentgateway's {@code LocalSecretObjectRef}: a credential in the referrer's namespace. */
  @ValidationRule(
      value =
          "(!has(self.group) || size(self.group) == 0) ? (!has(self.kind) || size(self.kind) == 0"
              + " || self.kind == 'Secret') : (has(self.kind) && size(self.kind) > 0)",
      message = "custom credential refs must set both group and kind")
  public static class SecretObjectRef {
    @Required
    @Size(min = 1, max = 253)
    private String name;

    @JsonPropertyDescription("API group; empty selects the core API group.")
    private String group;

    @JsonPropertyDescription("Kind; empty means Secret (the only kind supported).")
    private String kind;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

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
  }

  /** agentgateway's {@code SecretSelector} / {@code ConfigMapSelector}. */
  public static class LabelSelector {
    @Required
    @JsonPropertyDescription("Labels that must be present on each selected object.")
    private Map<String, String> matchLabels = new LinkedHashMap<>();

    public Map<String, String> getMatchLabels() {
      return matchLabels;
    }

    public void setMatchLabels(Map<String, String> matchLabels) {
      this.matchLabels = matchLabels;
    }
  }

  /** agentgateway's {@code AuthorizationExtractionLocation}: exactly one of the four. */
  @ValidationRule(
      value =
          "[has(self.header),has(self.queryParameter),has(self.cookie),has(self.expression)]"
              + ".filter(x,x==true).size() == 1",
      message =
          "exactly one of the fields in [header queryParameter cookie expression] must be set")
  public static class CredentialLocation {
    private Header header;
    private Named queryParameter;
    private Named cookie;

    @JsonPropertyDescription("CEL expression that extracts the credential from the request.")
    @Size(min = 1, max = 16384)
    private String expression;

    public Header getHeader() {
      return header;
    }

    public void setHeader(Header header) {
      this.header = header;
    }

    public Named getQueryParameter() {
      return queryParameter;
    }

    public void setQueryParameter(Named queryParameter) {
      this.queryParameter = queryParameter;
    }

    public Named getCookie() {
      return cookie;
    }

    public void setCookie(Named cookie) {
      this.cookie = cookie;
    }

    public String getExpression() {
      return expression;
    }

    public void setExpression(String expression) {
      this.expression = expression;
    }
  }

  /** A request header, with an optional prefix removed before validation. */
  public static class Header {
    @Required
    @Size(min = 1, max = 256)
    private String name;

    @Size(min = 1, max = 256)
    private String prefix;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getPrefix() {
      return prefix;
    }

    public void setPrefix(String prefix) {
      this.prefix = prefix;
    }
  }

  /** A query parameter or cookie, by name. */
  public static class Named {
    @Required
    @Size(min = 1, max = 256)
    private String name;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }
}
