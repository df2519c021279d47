package io.agw.model.config.mapping;

import io.agw.model.config.yaml.OpenAiModerationYaml;
import io.agw.model.resource.v1.OpenAiInlineModeration;
import io.agw.model.resource.v1.OpenAiInlineModerationPolicy;
import io.agw.model.resource.v1.OpenAiModerationMode;

/** Maps an OpenAI provider's {@code moderation} (OpenAI's inline moderation parameter). */
final class InlineModerationMapper {

  private final MappingContext ctx;

  InlineModerationMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  OpenAiInlineModeration moderation(String path, OpenAiModerationYaml yaml) {
    OpenAiInlineModeration.Builder b =
        OpenAiInlineModeration.newBuilder()
            .setModel(
                yaml.model() == null ? GuardServiceMapper.DEFAULT_MODERATION_MODEL : yaml.model());
    if (yaml.model() != null && yaml.model().isBlank()) {
      ctx.error(path + ".model", "must not be empty");
    }
    if (yaml.policy() != null) {
      OpenAiInlineModerationPolicy.Builder policy = OpenAiInlineModerationPolicy.newBuilder();
      if (yaml.policy().input() != null) {
        policy.setInput(mode(path + ".policy.input.mode", yaml.policy().input()));
      }
      if (yaml.policy().output() != null) {
        policy.setOutput(mode(path + ".policy.output.mode", yaml.policy().output()));
      }
      b.setPolicy(policy);
    }
    return b.build();
  }

  private OpenAiModerationMode mode(String path, OpenAiModerationYaml.Mode yaml) {
    if (yaml.mode() == null) {
      ctx.error(path, "required field is missing");
      return OpenAiModerationMode.OPENAI_MODERATION_MODE_UNSPECIFIED;
    }
    return switch (yaml.mode()) {
      case "score" -> OpenAiModerationMode.OPENAI_MODERATION_MODE_SCORE;
      case "block" -> OpenAiModerationMode.OPENAI_MODERATION_MODE_BLOCK;
      default -> {
        ctx.error(path, "a moderation mode is one of score, block");
        yield OpenAiModerationMode.OPENAI_MODERATION_MODE_UNSPECIFIED;
      }
    };
  }
}
