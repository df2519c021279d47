package io.agw.control.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a backend is. Only static (host and port) backends exist so far; AI, MCP and A2A kinds come
 * with their gateway features.
 */
public class AgentgatewayBackendSpec {

  @JsonProperty("static")
  private StaticTarget staticTarget;

  public StaticTarget getStaticTarget() {
    return staticTarget;
  }

  public void setStaticTarget(StaticTarget staticTarget) {
    this.staticTarget = staticTarget;
  }

  /** A fixed host (name or address) and port, reached over plain HTTP. */
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
}
