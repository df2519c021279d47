package io.agw.model.config.yaml;

/**
 * {@code config.dns}: which address families upstream host names are resolved to ({@code
 * lookupFamily}: {@code All}, {@code Auto}, {@code V4Preferred}, {@code V4Only}, {@code V6Only})
 * and whether DNS queries carry the EDNS0 record. Read at startup only.
 */
@AgentgatewayDefinition("RawDnsConfig")
public record DnsYaml(String lookupFamily, Boolean edns0) {}
