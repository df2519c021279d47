package io.agw.gateway.mcp.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.upstream.UpstreamConnection;
import io.agw.gateway.support.McpPeers;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.McpBackend;
import io.agw.model.resource.v1.McpStdioTarget;
import io.agw.model.resource.v1.McpTarget;
import io.agw.model.resource.v1.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections to targets across configuration changes, with the second test server over stdio. */
class McpTargetsTest {

  private final McpTargets targets = new McpTargets(Duration.ofSeconds(60));

  @AfterEach
  void close() {
    targets.close();
  }

  private static McpTarget second(String env) {
    List<String> command = McpPeers.second();
    return McpTarget.newBuilder()
        .setName("second")
        .setStdio(
            McpStdioTarget.newBuilder()
                .setCmd(command.get(0))
                .addAllArgs(command.subList(1, command.size()))
                .putEnv("MARK", env))
        .build();
  }

  private static long pid(UpstreamConnection c) {
    var response =
        c.request("tools/call", Map.of("name", "pid", "arguments", Map.of()), null)
            .block(Duration.ofSeconds(60));
    Map<String, Object> result = McpJson.object(response.result());
    Map<String, Object> text = McpJson.object(McpJson.array(result, "content").get(0));
    return Long.parseLong(McpJson.string(text, "text"));
  }

  private static Resource backend(String key, McpTarget target) {
    return Resource.newBuilder()
        .setKey(key)
        .setBackend(
            Backend.newBuilder().setKey(key).setMcp(McpBackend.newBuilder().addTargets(target)))
        .build();
  }

  @Test
  void unchangedTargetsKeepTheirProcessChangedAndRemovedOnesAreStopped() throws Exception {
    McpPeers.install();
    UpstreamConnection first = targets.connection("backend/a", second("1"));
    long pid = pid(first);

    assertThat(targets.connection("backend/a", second("1"))).isSameAs(first);
    targets.retain(List.of(backend("backend/a", second("1"))));
    assertThat(pid(targets.connection("backend/a", second("1")))).isEqualTo(pid);

    UpstreamConnection changed = targets.connection("backend/a", second("2"));
    assertThat(changed).isNotSameAs(first);
    long changedPid = pid(changed);
    assertThat(changedPid).isNotEqualTo(pid);
    assertThat(exited(pid)).isTrue();

    targets.retain(List.of());
    assertThat(exited(changedPid)).isTrue();
  }

  /** Whether the process ends within ten seconds. */
  private static boolean exited(long pid) throws Exception {
    var handle = ProcessHandle.of(pid);
    if (handle.isPresent()) {
      handle.get().onExit().get(10, TimeUnit.SECONDS);
    }
    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }
}
