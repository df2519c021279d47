package io.agw.gateway.llm.wire.bedrock;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One turn: {@code role} is {@code user} or {@code assistant}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BedrockMessage(String role, List<BedrockContent> content) {}
