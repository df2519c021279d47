package io.agw.gateway.extproc;

import io.agw.gateway.backend.GrpcChannels;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.PolicyKind;
import io.agw.model.resource.v1.ExtProc;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code extProc} policy kind. agentgateway bounds no wait on the processing service; here an
 * answer the gateway waits for before it can go on (a headers answer, or a buffered body's) must
 * come within 10 seconds, else {@code failureMode} applies. Answers while a body streams full
 * duplex have no bound: the service may hold its headers answer until it has the whole body, and a
 * streamed response may pause for as long as the upstream does.
 */
@Configuration(proxyBeanMethods = false)
class ExtProcConfiguration {

  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  @Bean
  PolicyKind extProcPolicy(CelEnvironment cel, GrpcChannels channels) {
    return PolicyKind.filter(
        KindCase.EXT_PROC,
        spec -> new ExtProcFilter(call(spec.getExtProc(), cel, channels)),
        FilterOrder.EXTERNAL_PROCESSING);
  }

  static ProcessorCall call(ExtProc policy, CelEnvironment cel, GrpcChannels channels) {
    int colon = policy.getHost().lastIndexOf(':');
    String host = policy.getHost().substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(policy.getHost().substring(colon + 1));
    Map<String, Map<String, CelExpression>> metadata = new LinkedHashMap<>();
    policy
        .getMetadataContextMap()
        .forEach(
            (namespace, values) -> metadata.put(namespace, compile(cel, values.getFieldsMap())));
    return new ProcessorCall(
        policy,
        channels.get(host, port),
        ANSWER_TIMEOUT,
        metadata,
        compile(cel, policy.getRequestAttributesMap()),
        compile(cel, policy.getResponseAttributesMap()));
  }

  private static Map<String, CelExpression> compile(
      CelEnvironment cel, Map<String, String> sources) {
    Map<String, CelExpression> out = new LinkedHashMap<>();
    sources.forEach((k, v) -> out.put(k, cel.compile(v)));
    return out;
  }
}
