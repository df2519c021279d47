package io.agw.gateway.admin;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.agw.gateway.server.BindServers;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.ResourceStore;
import io.agw.model.resource.v1.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/configdump}: the configuration the gateway is serving (version, source, open
 * ports, every resource with secrets redacted) and the last refused change with its reasons.
 */
@Endpoint(id = "configdump")
public class ConfigDumpEndpoint {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private final ResourceStore store;
  private final BindServers servers;

  public ConfigDumpEndpoint(ResourceStore store, BindServers servers) {
    this.store = store;
    this.servers = servers;
  }

  @ReadOperation
  public Map<String, Object> dump() {
    Map<String, Object> out = new LinkedHashMap<>();
    GatewayState state = store.current();
    if (state != null) {
      out.put("version", state.version());
      out.put("source", state.source());
      out.put("appliedAt", state.appliedAt().toString());
      out.put("ports", new TreeMap<>(servers.ports()));
      List<JsonNode> resources = new ArrayList<>();
      new TreeMap<>(state.resources()).values().forEach(r -> resources.add(toJson(r)));
      out.put("resources", resources);
    }
    ResourceStore.Refusal refusal = store.lastRefusal();
    if (refusal != null) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("source", refusal.source());
      error.put("at", refusal.at().toString());
      error.put("problems", refusal.problems());
      out.put("lastError", error);
    }
    return out;
  }

  /** A resource as the dump shows it: protobuf JSON with every secret redacted. */
  public static JsonNode toJson(Resource resource) {
    try {
      return SecretRedactor.redact(JSON.readTree(PRINTER.print(resource)));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print resource " + resource.getKey(), e);
    }
  }
}
