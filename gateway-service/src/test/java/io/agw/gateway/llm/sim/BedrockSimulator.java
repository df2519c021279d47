package io.agw.gateway.llm.sim;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Bedrock runtime: checks every request's SigV4 signature by signing the request it
 * received again with the AWS SDK's signer (same key, the request's own {@code X-Amz-Date}, the
 * headers the request says it signed, and the body it actually got) and comparing; a mismatch is
 * answered 403 like Bedrock does. Valid requests get the recorded fixtures: Converse JSON ({@code
 * tool.json} when the model id contains {@code tool}, else {@code reasoning.json}), ConverseStream
 * event-stream frames (the recorded {@code .bin}, decoded and re-encoded with the AWS SDK's
 * event-stream codec, one frame per write), Titan embeddings and count-tokens, and ApplyGuardrail
 * ({@link BedrockGuardrailAnswers}). Records requests.
 */
public final class BedrockSimulator implements AutoCloseable {

  /** One received request and whether its signature was valid. */
  public record Received(
      String method, String uri, Map<String, String> headers, String body, boolean signed) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + " SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final Pattern GUARDRAIL =
      Pattern.compile("/guardrail/([^/]+)/version/([^/]+)/apply");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String accessKeyId;
  private final String secretKey;
  private final String region;
  private final DisposableServer server;
  private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();

  private BedrockSimulator(String accessKeyId, String secretKey, String region) {
    this.accessKeyId = accessKeyId;
    this.secretKey = secretKey;
    this.region = region;
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    req.receive()
                        .aggregate()
                        .asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> answer(record(req, body), res).then()))
            .bindNow();
  }

  /** A simulator that accepts requests signed with this key pair for {@code region}. */
  public static BedrockSimulator start(String accessKeyId, String secretKey, String region) {
    return new BedrockSimulator(accessKeyId, secretKey, region);
  }

  public String hostPort() {
    return "127.0.0.1:" + server.port();
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  public Received last() {
    return received.peekLast();
  }

  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  private Received record(HttpServerRequest req, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.requestHeaders()
        .forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + "," + b));
    boolean signed = verify(req.method().name(), req.uri(), headers, body);
    Received r =
        new Received(
            req.method().name(),
            req.uri(),
            headers,
            new String(body, StandardCharsets.UTF_8),
            signed);
    received.add(r);
    return r;
  }

  /** Signs the received request again with the SDK and compares the Authorization headers. */
  private boolean verify(String method, String uri, Map<String, String> headers, byte[] body) {
    String authorization = headers.get("authorization");
    String amzDate = headers.get("x-amz-date");
    if (authorization == null || amzDate == null) {
      return false;
    }
    Matcher m = AUTH.matcher(authorization);
    if (!m.matches() || !m.group(1).equals(accessKeyId) || !m.group(3).equals(region)) {
      return false;
    }
    String service = m.group(4);
    SdkHttpRequest.Builder http =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .uri(URI.create("http://" + headers.get("host") + uri));
    for (String name : m.group(5).split(";")) {
      // The signer derives these from its clock and from the body it hashes itself.
      if (!name.equals("x-amz-date") && !name.equals("x-amz-content-sha256")) {
        String value = headers.get(name);
        if (value == null) {
          return false;
        }
        http.putHeader(name, value);
      }
    }
    Clock at = Clock.fixed(Instant.from(AMZ_DATE.parse(amzDate)), ZoneOffset.UTC);
    SignedRequest expected =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsBasicCredentials.create(accessKeyId, secretKey))
                        .request(http.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(HttpSigner.SIGNING_CLOCK, at));
    return authorization.equals(expected.request().firstMatchingHeader("Authorization").orElse(""));
  }

  private Mono<Void> answer(Received r, HttpServerResponse res) {
    if (!r.signed()) {
      return res.status(HttpResponseStatus.FORBIDDEN)
          .header("content-type", "application/json")
          .header("x-amzn-ErrorType", "InvalidSignatureException")
          .sendString(
              Mono.just(
                  "{\"message\":\"The request signature we calculated does not match the"
                      + " signature you provided.\"}"))
          .then();
    }
    String path = r.uri();
    Matcher guardrail = GUARDRAIL.matcher(path);
    if (guardrail.matches()) {
      return BedrockGuardrailAnswers.answer(guardrail.group(1), guardrail.group(2), r, res);
    }
    if ((path.endsWith("/converse") || path.endsWith("/converse-stream"))
        && r.json().has("guardrailConfig")) {
      return BedrockGuardrailAnswers.converse(r, path.endsWith("/converse-stream"), res);
    }
    if (path.endsWith("/converse")) {
      String fixture = path.contains("tool") ? "tool.json" : "reasoning.json";
      return json(res, read("response/bedrock/" + fixture));
    }
    if (path.endsWith("/converse-stream")) {
      String fixture = path.contains("tool") ? "tool.bin" : "reasoning.bin";
      return eventStream(res, bytes("response/bedrock/" + fixture));
    }
    if (path.endsWith("/invoke")) {
      return json(res, read("response/bedrock-titan/embeddings.json"));
    }
    if (path.endsWith("/count-tokens")) {
      return json(res, "{\"inputTokens\":12}");
    }
    return res.status(404).send().then();
  }

  static Mono<Void> json(HttpServerResponse res, String body) {
    return res.status(200)
        .header("content-type", "application/json")
        .sendString(Mono.just(body))
        .then();
  }

  static Mono<Void> eventStream(HttpServerResponse res, List<Message> frames) {
    Flux<ByteBuffer> body =
        Flux.fromIterable(frames).map(Message::toByteBuffer).delayElements(Duration.ofMillis(2));
    return res.status(200)
        .header("content-type", "application/vnd.amazon.eventstream")
        .send(body.map(b -> io.netty.buffer.Unpooled.wrappedBuffer(b)))
        .then();
  }

  private static Mono<Void> eventStream(HttpServerResponse res, byte[] recorded) {
    List<Message> frames = new ArrayList<>();
    new MessageDecoder(frames::add).feed(recorded);
    Flux<ByteBuffer> body =
        Flux.fromIterable(frames).map(Message::toByteBuffer).delayElements(Duration.ofMillis(2));
    return res.status(200)
        .header("content-type", "application/vnd.amazon.eventstream")
        .send(body.map(b -> io.netty.buffer.Unpooled.wrappedBuffer(b)))
        .then();
  }

  private static String read(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String name) {
    try (InputStream in = BedrockSimulator.class.getResourceAsStream("/llm/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
