package io.agw.gateway.demo;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.ai.mcp.server.webflux.transport.WebFluxStreamableServerTransportProvider;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo MCP server at {@code /demo/mcp} on the admin port (Streamable HTTP, the MCP Java SDK's
 * WebFlux transport): tools {@code echo}, {@code add}, {@code current_time} and {@code
 * long_running_task} (which reports progress, and logs each step, while it works), the prompt
 * {@code greeting} and the resource {@code demo://agw/about}. Owns one SDK server for the life of
 * the application; thread-safe.
 */
final class DemoMcpServer implements AutoCloseable {

  static final String PATH = "/demo/mcp";
  static final String ABOUT_URI = "demo://agw/about";
  static final int MAX_STEPS = 10;

  private static final Duration STEP = Duration.ofMillis(200);

  private final WebFluxStreamableServerTransportProvider transport;
  private final McpAsyncServer server;
  private final Clock clock;

  DemoMcpServer(String version, Clock clock) {
    this.clock = clock;
    McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
    this.transport =
        WebFluxStreamableServerTransportProvider.builder()
            .jsonMapper(json)
            .messageEndpoint(PATH)
            .build();
    this.server =
        McpServer.async(transport)
            .serverInfo("agw-demo", version)
            .instructions(
                "The agw gateway's built-in demo MCP server: a few tools to try the MCP"
                    + " playground with. Not for production use.")
            .capabilities(
                McpSchema.ServerCapabilities.builder()
                    .tools(false)
                    .prompts(false)
                    .resources(false, false)
                    .logging()
                    .build())
            .tools(echo(), add(), currentTime(), longRunningTask())
            .prompts(greeting())
            .resources(about())
            .build();
  }

  @SuppressWarnings("unchecked")
  RouterFunction<ServerResponse> routes() {
    return (RouterFunction<ServerResponse>) transport.getRouterFunction();
  }

  @Override
  public void close() {
    server.closeGracefully().block(Duration.ofSeconds(5));
  }

  private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
    return Map.of("type", "object", "properties", properties, "required", required);
  }

  private static CallToolResult text(String text) {
    return CallToolResult.builder().addTextContent(text).build();
  }

  private static CallToolResult error(String text) {
    return CallToolResult.builder().addTextContent(text).isError(true).build();
  }

  private static AsyncToolSpecification echo() {
    Tool tool =
        Tool.builder()
            .name("echo")
            .title("Echo")
            .description("Returns the message it is given.")
            .inputSchema(
                schema(
                    Map.of("message", Map.of("type", "string", "description", "what to echo")),
                    List.of("message")))
            .build();
    return AsyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, call) -> {
              Object message = call.arguments() == null ? null : call.arguments().get("message");
              return Mono.just(
                  message instanceof String s
                      ? text("Echo: " + s)
                      : error("'message' is required"));
            })
        .build();
  }

  private static AsyncToolSpecification add() {
    Tool tool =
        Tool.builder()
            .name("add")
            .title("Add")
            .description("Adds two numbers.")
            .inputSchema(
                schema(
                    Map.of(
                        "a", Map.of("type", "number", "description", "the first number"),
                        "b", Map.of("type", "number", "description", "the second number")),
                    List.of("a", "b")))
            .build();
    return AsyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, call) -> {
              Map<String, Object> arguments =
                  call.arguments() == null ? Map.of() : call.arguments();
              if (!(arguments.get("a") instanceof Number a)
                  || !(arguments.get("b") instanceof Number b)) {
                return Mono.just(error("'a' and 'b' must be numbers"));
              }
              double sum = a.doubleValue() + b.doubleValue();
              String shown =
                  sum == Math.rint(sum) && Math.abs(sum) < 1e15
                      ? Long.toString((long) sum)
                      : Double.toString(sum);
              return Mono.just(text("The sum of " + a + " and " + b + " is " + shown + "."));
            })
        .build();
  }

  private AsyncToolSpecification currentTime() {
    Tool tool =
        Tool.builder()
            .name("current_time")
            .title("Current time")
            .description("The current date and time, in UTC or in the time zone given.")
            .inputSchema(
                schema(
                    Map.of(
                        "timezone",
                        Map.of("type", "string", "description", "an IANA zone, e.g. Europe/Paris")),
                    List.of()))
            .build();
    return AsyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, call) -> {
              Object zone = call.arguments() == null ? null : call.arguments().get("timezone");
              ZoneId id;
              try {
                id = zone instanceof String s && !s.isBlank() ? ZoneId.of(s) : ZoneId.of("UTC");
              } catch (DateTimeException e) {
                return Mono.just(error("unknown time zone: " + zone));
              }
              return Mono.just(
                  text(
                      ZonedDateTime.now(clock.withZone(id))
                          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
            })
        .build();
  }

  private static AsyncToolSpecification longRunningTask() {
    Tool tool =
        Tool.builder()
            .name("long_running_task")
            .title("Long-running task")
            .description(
                "Works for a moment, step by step, sending a progress notification (when the"
                    + " call has a progress token) and a log message after each step.")
            .inputSchema(
                schema(
                    Map.of(
                        "steps",
                        Map.of(
                            "type",
                            "integer",
                            "minimum",
                            1,
                            "maximum",
                            MAX_STEPS,
                            "description",
                            "how many steps (1 to " + MAX_STEPS + ", default 5)")),
                    List.of()))
            .build();
    return AsyncToolSpecification.builder().tool(tool).callHandler(DemoMcpServer::work).build();
  }

  private static Mono<CallToolResult> work(McpAsyncServerExchange exchange, CallToolRequest call) {
    Object requested = call.arguments() == null ? null : call.arguments().get("steps");
    int steps = requested instanceof Number n ? n.intValue() : 5;
    if (steps < 1 || steps > MAX_STEPS) {
      return Mono.just(error("'steps' must be between 1 and " + MAX_STEPS));
    }
    Object token = call.meta() == null ? null : call.meta().get("progressToken");
    int total = steps;
    return Flux.range(1, steps)
        .delayElements(STEP)
        .concatMap(
            step -> {
              String message = "step " + step + " of " + total + " done";
              Mono<Void> log =
                  exchange.loggingNotification(
                      LoggingMessageNotification.builder(LoggingLevel.INFO, message)
                          .logger("agw-demo")
                          .build());
              Mono<Void> progress =
                  token == null
                      ? Mono.empty()
                      : exchange.progressNotification(
                          new ProgressNotification(token, step, (double) total, message));
              return progress.then(log);
            })
        .then(Mono.fromCallable(() -> text("Finished all " + total + " steps.")));
  }

  private static AsyncPromptSpecification greeting() {
    Prompt prompt =
        new Prompt(
            "greeting",
            "Greeting",
            "A friendly greeting for the name given.",
            List.of(new PromptArgument("name", "Name", "who to greet", true)));
    return new AsyncPromptSpecification(
        prompt,
        (exchange, request) -> {
          Object name = request.arguments() == null ? null : request.arguments().get("name");
          String who = name == null || name.toString().isBlank() ? "there" : name.toString();
          return Mono.just(
              new GetPromptResult(
                  "A greeting from the agw demo MCP server",
                  List.of(
                      new PromptMessage(
                          Role.USER,
                          new TextContent("Please greet " + who + " warmly, in one sentence.")))));
        });
  }

  private static AsyncResourceSpecification about() {
    String text =
        "agw demo MCP server. It is served by the gateway itself on its admin port at "
            + PATH
            + " and reached through the built-in configuration's demo-mcp route (/mcp on the"
            + " traffic port), so MCP policies, authentication and telemetry apply to it.\n";
    Resource resource =
        Resource.builder()
            .uri(ABOUT_URI)
            .name("about")
            .title("About this demo server")
            .description("What the demo MCP server is and how it is reached.")
            .mimeType("text/plain")
            .build();
    return new AsyncResourceSpecification(
        resource,
        (exchange, request) ->
            Mono.just(
                new ReadResourceResult(
                    List.of(new TextResourceContents(ABOUT_URI, "text/plain", text)))));
  }
}
