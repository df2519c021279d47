package io.agw.gateway.mcp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.mcp.McpRoutes;
import io.agw.gateway.mcp.federation.Federation.Visibility;
import io.agw.gateway.mcp.federation.McpService;
import io.agw.gateway.mcp.federation.McpTargets;
import io.agw.gateway.mcp.federation.SessionCodec;
import io.agw.gateway.mcp.federation.SessionCodec.Session;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.telemetry.McpMetrics;
import io.agw.gateway.mcp.upstream.TargetCredentials;
import io.agw.gateway.support.McpPeers;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.McpBackend;
import io.agw.model.resource.v1.McpStdioTarget;
import io.agw.model.resource.v1.McpTarget;
import io.agw.model.resource.v1.Resource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client sessions own their stdio processes: closed when idle, deleted, or when a reload changes
 * their targets; kept when it does not. With the second test server over stdio.
 */
class ClientSessionsTest {

  private final McpTargets targets = new McpTargets(Duration.ofSeconds(60));
  private ClientSessions sessions;

  @AfterEach
  void close() {
    if (sessions != null) {
      sessions.close();
    }
    targets.close();
  }

  private McpService service(ClientSessions sessions, String mark) {
    return new McpRoutes(
            targets,
            new SessionCodec(null),
            new CelEnvironment(),
            new McpMetrics(new SimpleMeterRegistry()),
            sessions)
        .service(
            "backend/a",
            McpBackend.newBuilder().addTargets(second(mark)).build(),
            TargetCredentials.NONE);
  }

  private static McpTarget second(String mark) {
    List<String> command = McpPeers.second();
    return McpTarget.newBuilder()
        .setName("second")
        .setStdio(
            McpStdioTarget.newBuilder()
                .setCmd(command.get(0))
                .addAllArgs(command.subList(1, command.size()))
                .putEnv("MARK", mark))
        .build();
  }

  private static Resource backend(String mark) {
    return Resource.newBuilder()
        .setKey("backend/a")
        .setBackend(
            Backend.newBuilder()
                .setKey("backend/a")
                .setMcp(McpBackend.newBuilder().addTargets(second(mark))))
        .build();
  }

  /** The pid of the session's second server, through the session's own dispatch. */
  private static long pid(ClientSession session) {
    JSONRPCRequest call =
        new JSONRPCRequest("2.0", "tools/call", 1, Map.of("name", "pid", "arguments", Map.of()));
    List<JSONRPCMessage> answer =
        session
            .handle(call, new ClientSession.Context(Visibility.ALL, false, null))
            .collectList()
            .block(Duration.ofSeconds(60));
    JSONRPCResponse response = (JSONRPCResponse) answer.get(answer.size() - 1);
    assertThat(response.error()).as(String.valueOf(response.error())).isNull();
    Map<String, Object> result = McpJson.object(response.result());
    Map<String, Object> text = McpJson.object(McpJson.array(result, "content").get(0));
    return Long.parseLong(McpJson.string(text, "text"));
  }

  @Test
  void eachSessionHasItsOwnProcessKeptAcrossUnchangedReloadsAndStoppedOnChange() throws Exception {
    McpPeers.install();
    sessions = new ClientSessions(Duration.ofMinutes(30));
    McpService service = service(sessions, "1");
    Session state = SessionCodec.newSession("2025-06-18");
    ClientSession one = sessions.open(service, state);
    ClientSession two = sessions.open(service, SessionCodec.newSession("2025-06-18"));
    long pid = pid(one);
    assertThat(pid(two)).isNotEqualTo(pid);

    sessions.retain(List.of(backend("1")));
    assertThat(sessions.find(service, state)).containsSame(one);
    assertThat(pid(one)).isEqualTo(pid);

    sessions.retain(List.of(backend("2")));
    assertThat(exited(pid)).isTrue();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void idleAndDeletedSessionsStopTheirProcesses() throws Exception {
    McpPeers.install();
    sessions = new ClientSessions(Duration.ofSeconds(1));
    McpService service = service(sessions, "1");
    Session idle = SessionCodec.newSession("2025-06-18");
    long idlePid = pid(sessions.open(service, idle));
    assertThat(exited(idlePid)).isTrue();
    assertThat(sessions.size()).isZero();
    // The id is still valid: the next request rebuilds the session.
    assertThat(pid(sessions.find(service, idle).orElseThrow())).isNotEqualTo(idlePid);

    Session deleted = SessionCodec.newSession("2025-06-18");
    long deletedPid = pid(sessions.open(service, deleted));
    sessions.delete(service, deleted);
    assertThat(exited(deletedPid)).isTrue();
    assertThat(sessions.find(service, deleted)).isEmpty();
  }

  /** Whether the process ends within ten seconds. */
  private static boolean exited(long pid) throws Exception {
    var handle = ProcessHandle.of(pid);
    if (handle.isPresent()) {
      try {
        handle.get().onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      }
    }
    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }
}
