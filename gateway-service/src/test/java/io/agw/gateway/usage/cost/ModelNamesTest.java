package io.agw.gateway.usage.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The forms a provider's model id is looked up under, after the exact id. */
class ModelNamesTest {

  @Test
  void bedrockCrossRegionProfilesReachTheModelIdAndItsPlainName() {
    assertThat(ModelNames.candidates("us.anthropic.claude-sonnet-4-20250514-v1:0"))
        .containsSubsequence(
            "anthropic.claude-sonnet-4-20250514-v1:0",
            "claude-sonnet-4-20250514",
            "claude-sonnet-4");
    assertThat(ModelNames.candidates("global.anthropic.claude-haiku-4-5-20251001-v1:0"))
        .contains("anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5");
    assertThat(
            ModelNames.candidates(
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
                    + "eu.anthropic.claude-3-5-sonnet-20241022-v2:0"))
        .contains("anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet");
  }

  @Test
  void vertexVersionsAndPathsAreDropped() {
    assertThat(ModelNames.candidates("claude-sonnet-4@20250514")).contains("claude-sonnet-4");
    assertThat(ModelNames.candidates("claude-3-5-sonnet-v2@20241022"))
        .contains("claude-3-5-sonnet-v2", "claude-3-5-sonnet");
    assertThat(ModelNames.candidates("publishers/google/models/gemini-2.5-pro"))
        .contains("gemini-2.5-pro");
    assertThat(ModelNames.candidates("gemini-2.0-flash-001")).contains("gemini-2.0-flash");
  }

  @Test
  void datedSnapshotsFallBackToTheirAlias() {
    assertThat(ModelNames.candidates("gpt-4o-2024-08-06")).containsExactly("gpt-4o");
    assertThat(ModelNames.candidates("gpt-4o-mini-2024-07-18")).containsExactly("gpt-4o-mini");
    assertThat(ModelNames.candidates("claude-3-5-haiku-latest"))
        .containsExactly("claude-3-5-haiku");
    assertThat(ModelNames.candidates("gpt-3.5-turbo-0125")).containsExactly("gpt-3.5-turbo");
  }

  @Test
  void aPlainIdHasNoOtherForm() {
    assertThat(ModelNames.candidates("gpt-4o")).isEmpty();
    assertThat(ModelNames.candidates("o3")).isEmpty();
  }
}
