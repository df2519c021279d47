package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.ExtProc;
import io.agw.model.resource.v1.ExtProcProcessingOptions.BodyMode;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code extProc} policy: what it maps to, agentgateway's defaults, where it may be written.
 */
class ExtProcConfigTest {

  static final Path BASE = Path.of("/etc/agw");

  static List<PolicySpec> routePolicies(String yaml) throws ConfigException {
    return ConfigLoader.load(yaml, BASE).resources().stream()
        .filter(Resource::hasRoute)
        .flatMap(r -> r.getRoute().getPoliciesList().stream())
        .filter(PolicySpec::hasExtProc)
        .toList();
  }

  @Test
  void aHostAloneFailsClosedAndStreamsEveryPhase() throws Exception {
    ExtProc p =
        routePolicies(
                """
                binds:
                  - port: 8080
                    listeners:
                      - routes:
                          - backends: [{host: "localhost:9000"}]
                            policies:
                              extProc: {host: "proc.test:9002"}
                """)
            .get(0)
            .getExtProc();
    assertThat(p.getHost()).isEqualTo("proc.test:9002");
    assertThat(p.getFailureMode()).isEqualTo(ExtProc.FailureMode.FAIL_CLOSED);
    assertThat(p.getProcessingOptions().getRequestBodyMode())
        .isEqualTo(BodyMode.FULL_DUPLEX_STREAMED);
    assertThat(p.getProcessingOptions().getResponseBodyMode())
        .isEqualTo(BodyMode.FULL_DUPLEX_STREAMED);
    assertThat(p.getProcessingOptions().getSkipRequestHeaders()).isFalse();
    assertThat(p.getProcessingOptions().getSkipResponseHeaders()).isFalse();
  }

  @Test
  void everyOptionIsMapped() throws Exception {
    ExtProc p =
        routePolicies(
                """
                binds:
                  - port: 8080
                    listeners:
                      - routes:
                          - backends: [{host: "localhost:9000"}]
                            policies:
                              extProc:
                                host: "proc.test:9002"
                                failureMode: failOpen
                                metadataContext:
                                  team: {user: 'request.headers["x-user"]'}
                                requestAttributes: {path: request.path}
                                responseAttributes: {code: response.code}
                                processingOptions:
                                  requestBodyMode: buffered
                                  responseBodyMode: none
                                  requestHeaderMode: skip
                                  responseHeaderMode: send
                                  requestTrailerMode: skip
                                  responseTrailerMode: skip
                                  allowModeOverride: false
                """)
            .get(0)
            .getExtProc();
    assertThat(p.getFailureMode()).isEqualTo(ExtProc.FailureMode.FAIL_OPEN);
    assertThat(p.getMetadataContextOrThrow("team").getFieldsMap())
        .containsEntry("user", "request.headers[\"x-user\"]");
    assertThat(p.getRequestAttributesMap()).containsEntry("path", "request.path");
    assertThat(p.getResponseAttributesMap()).containsEntry("code", "response.code");
    var o = p.getProcessingOptions();
    assertThat(o.getRequestBodyMode()).isEqualTo(BodyMode.BUFFERED);
    assertThat(o.getResponseBodyMode()).isEqualTo(BodyMode.NONE);
    assertThat(o.getSkipRequestHeaders()).isTrue();
    assertThat(o.getSkipResponseHeaders()).isFalse();
    assertThat(o.getSkipRequestTrailers()).isTrue();
    assertThat(o.getSkipResponseTrailers()).isTrue();
  }

  @Test
  void llmPoliciesTakeExtProcOnTheShorthandsRoute() throws Exception {
    List<PolicySpec> specs =
        routePolicies(
            """
            llm:
              port: 8090
              policies:
                extProc: {host: "proc.test:9002", failureMode: failOpen}
              models:
                - name: m
                  provider: openAI
                  params: {apiKey: k}
            """);
    assertThat(specs).hasSize(1);
    assertThat(specs.get(0).getExtProc().getFailureMode()).isEqualTo(ExtProc.FailureMode.FAIL_OPEN);
  }
}
