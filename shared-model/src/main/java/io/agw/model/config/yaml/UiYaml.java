package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * The top-level {@code ui} block: the listeners that also serve the admin UI and its API ({@code
 * gateways}: {@code <gateway>} or {@code <gateway>/<listener>}, one string or a list) and the route
 * policies in front of them.
 */
@AgentgatewayDefinition("LocalUIConfig")
public record UiYaml(
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> gateways,
    UiPoliciesYaml policies) {}
