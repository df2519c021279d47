package io.agw.model.config;

/**
 * Settings from the file's top-level {@code config} block that are not resources.
 *
 * @param gateway the gateway name ({@code config.gateway}), or null when absent
 * @param namespace the namespace ({@code config.namespace}), or null when absent
 */
public record GatewaySettings(String gateway, String namespace) {

  /** Settings of a file without a {@code config} block. */
  public static final GatewaySettings NONE = new GatewaySettings(null, null);
}
