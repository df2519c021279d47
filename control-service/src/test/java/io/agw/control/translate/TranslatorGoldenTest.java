package io.agw.control.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One file per case in {@code src/test/resources/translate}: Kubernetes objects, then a {@code #
 * Output} line and the expected resources per gateway and statuses. Run with {@code
 * -Dagw.golden.update=true} to rewrite the outputs (then review the diff).
 */
class TranslatorGoldenTest {

  static final Path DIR = Path.of("src/test/resources/translate");
  static final String MARK = "# Output";
  static final KubernetesSerialization K8S = new KubernetesSerialization();
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<Path> cases() throws Exception {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translates(Path file) throws Exception {
    String text = Files.readString(file);
    int mark = text.indexOf(MARK);
    String input = mark < 0 ? text : text.substring(0, mark);
    String actual = YAML.writeValueAsString(render(new Translator().translate(view(input))));
    if (Boolean.getBoolean("agw.golden.update")) {
      Files.writeString(file, input.stripTrailing() + "\n" + MARK + "\n" + actual);
      return;
    }
    assertThat(mark).as("the file has a " + MARK + " section").isNotNegative();
    String expected = text.substring(mark + MARK.length());
    JsonNode want = YAML.readTree(expected);
    JsonNode got = YAML.readTree(actual);
    if (!want.equals(got)) {
      assertThat(actual).isEqualTo(YAML.writeValueAsString(want));
    }
  }

  static ClusterView view(String input) {
    List<GatewayClass> classes = new ArrayList<>();
    List<Gateway> gateways = new ArrayList<>();
    List<HTTPRoute> routes = new ArrayList<>();
    List<ReferenceGrant> grants = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<AgentgatewayBackend> backends = new ArrayList<>();
    List<AgentgatewayPolicy> policies = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>();
    List<ConfigMap> configMaps = new ArrayList<>();
    for (String doc : input.split("(?m)^---\\s*$")) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
        continue;
      }
      String kind = K8S.unmarshal(doc, GenericKubernetesResource.class).getKind();
      switch (kind) {
        case "GatewayClass" -> classes.add(K8S.unmarshal(doc, GatewayClass.class));
        case "Gateway" -> gateways.add(K8S.unmarshal(doc, Gateway.class));
        case "HTTPRoute" -> routes.add(K8S.unmarshal(doc, HTTPRoute.class));
        case "ReferenceGrant" -> grants.add(K8S.unmarshal(doc, ReferenceGrant.class));
        case "Service" -> services.add(K8S.unmarshal(doc, Service.class));
        case "AgentgatewayBackend" -> backends.add(K8S.unmarshal(doc, AgentgatewayBackend.class));
        case "AgentgatewayPolicy" -> policies.add(K8S.unmarshal(doc, AgentgatewayPolicy.class));
        case "Secret" -> secrets.add(K8S.unmarshal(doc, Secret.class));
        case "ConfigMap" -> configMaps.add(K8S.unmarshal(doc, ConfigMap.class));
        default -> throw new IllegalArgumentException("unexpected kind " + kind);
      }
    }
    return new ClusterView(
        classes, gateways, routes, grants, services, backends, policies, secrets, configMaps);
  }

  static Map<String, Object> render(Translation t) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gatewayClasses", t.gatewayClasses());
    Map<String, Object> gateways = new LinkedHashMap<>();
    for (var e : t.gateways().entrySet()) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("conditions", e.getValue().conditions());
      g.put("listeners", e.getValue().listeners());
      List<JsonNode> resources = new ArrayList<>();
      for (var r : e.getValue().resources()) {
        resources.add(JSON.readTree(JsonFormat.printer().print(r)));
      }
      g.put("resources", resources);
      gateways.put(e.getKey(), g);
    }
    out.put("gateways", gateways);
    out.put("routes", t.routes());
    out.put("policies", t.policies());
    out.put("backends", t.backends());
    return out;
  }
}
