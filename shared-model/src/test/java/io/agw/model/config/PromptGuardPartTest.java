package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.PromptGuard;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigLoader#loadPromptGuard}: a guard written outside a file (a Kubernetes resource's
 * field, as JSON) is read and checked as in a file, with problems at the caller's path.
 */
class PromptGuardPartTest {

  @Test
  void readsAGuardWrittenAsJson() throws Exception {
    PromptGuard guard =
        ConfigLoader.loadPromptGuard(
            "spec.policies.ai.promptGuard",
            "{\"request\":[{\"regex\":{\"action\":\"reject\",\"rules\":[{\"builtin\":\"ssn\"}]},"
                + "\"rejection\":{\"status\":451}}]}");
    assertThat(guard.getRequest(0).getRegex().getReject()).isTrue();
    assertThat(guard.getRequest(0).getRegex().getRules(0).getBuiltin())
        .isEqualTo(BuiltinPattern.BUILTIN_SSN);
    assertThat(guard.getRequest(0).getRejection().getStatus()).isEqualTo(451);
  }

  @Test
  void readsTheBackendPoliciesOfAGuardsService() throws Exception {
    PromptGuard guard =
        ConfigLoader.loadPromptGuard(
            "spec.backend.ai.promptGuard",
            "{\"request\":[{\"openAIModeration\":{\"policies\":{\"backendTLS\":"
                + "{\"insecure\":true}}}}]}");
    assertThat(guard.getRequest(0).getOpenaiModeration().getTls().getInsecure()).isTrue();
  }

  @Test
  void reportsEveryProblemUnderTheCallersPath() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.loadPromptGuard(
                    "spec.backend.ai.promptGuard",
                    "{\"request\":[{\"regex\":{\"rules\":[{\"pattern\":\"(open\"}]}}],"
                        + "\"respons\":[]}"));
    assertThat(e).isNotNull();
    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .containsExactly(
            "spec.backend.ai.promptGuard.respons: unknown field 'respons'; did you mean"
                + " 'response'?",
            "spec.backend.ai.promptGuard.request[0].regex.rules[0].pattern: not a valid regular"
                + " expression: Unclosed group near index 5");
  }
}
