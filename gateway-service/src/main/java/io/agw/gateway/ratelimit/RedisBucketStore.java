package io.agw.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Buckets in one Redis server, shared by every gateway replica that points at it. Each operation is
 * one Lua script run atomically by Redis with Redis's own clock, so replicas never race on a bucket
 * and their clocks do not matter. Commands fail fast (no queueing) while Redis is unreachable, so
 * the caller's failure mode decides at once. Thread-safe; one per Redis URL, shared by states.
 */
public final class RedisBucketStore implements BucketStore, AutoCloseable {

  static final Duration TIMEOUT = Duration.ofMillis(500);

  private static final String SCRIPT = script();

  private final RedisClient client;
  private final RedisURI uri;
  private volatile StatefulRedisConnection<String, String> connection;

  public RedisBucketStore(String url) {
    this.uri = RedisURI.create(url);
    uri.setTimeout(TIMEOUT);
    this.client = RedisClient.create();
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
            .build());
  }

  @Override
  public Mono<Decision> apply(String key, BucketSpec spec, long cost, Op op) {
    return connection()
        .flatMap(
            c ->
                c.reactive()
                    .<List<Object>>eval(
                        SCRIPT,
                        ScriptOutputType.MULTI,
                        new String[] {key},
                        Long.toString(spec.maxTokens()),
                        Long.toString(spec.tokensPerFill()),
                        Long.toString(spec.fillIntervalMillis()),
                        Long.toString(cost),
                        op.name())
                    .next())
        .timeout(TIMEOUT)
        .map(
            r ->
                new Decision(
                    ((Number) r.get(0)).longValue() == 1,
                    ((Number) r.get(1)).longValue(),
                    ((Number) r.get(2)).longValue()));
  }

  /**
   * Starts connecting now, in the background, so that the first request does not spend its 500 ms
   * on loading the client's classes and connecting (on a busy machine that alone can take longer).
   * A failure is ignored here: requests connect again on demand.
   */
  void connectInBackground() {
    connection().subscribe(c -> {}, e -> {});
  }

  private Mono<StatefulRedisConnection<String, String>> connection() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      return Mono.just(c);
    }
    return Mono.fromCompletionStage(() -> client.connectAsync(StringCodec.UTF8, uri))
        .map(
            created -> {
              synchronized (this) {
                if (connection == null) {
                  connection = created;
                  return created;
                }
              }
              created.closeAsync();
              return connection;
            });
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      c.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }

  private static String script() {
    try (var in = RedisBucketStore.class.getResourceAsStream("token-bucket.lua")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("missing token-bucket.lua", e);
    }
  }
}
