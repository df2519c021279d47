package io.agw.gateway.state;

import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.Listener;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the server TLS context of a port from its HTTPS listeners. Certificate files are read when
 * a state is built, so a rotated certificate is picked up by the next reload; a context is reused
 * while the listener's TLS settings and file contents are unchanged, so an unrelated reload does
 * not restart the port. Thread-safe.
 */
public final class ListenerTlsFactory {

  private record CacheKey(List<String> settings, List<Integer> contentHashes) {}

  private final Map<CacheKey, SslContext> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, SslContext> eldest) {
          return size() > 64;
        }
      };

  /** The port's TLS context, or null when its listeners are plain HTTP. */
  public synchronized SslContext forBind(List<Listener> listeners) {
    List<Listener> https =
        listeners.stream().filter(l -> l.getProtocol() == Listener.Protocol.HTTPS).toList();
    if (https.isEmpty()) {
      return null;
    }
    if (https.size() != listeners.size()) {
      throw new IllegalArgumentException("HTTP and HTTPS listeners cannot share a port");
    }
    // One certificate per port for now; several hostnames need SNI, delivered with listener TLS.
    Listener l = https.get(0);
    if (!l.getTls().hasCert() || !l.getTls().hasKey()) {
      throw new IllegalArgumentException(
          "HTTPS listener " + l.getName() + " needs tls.cert and tls.key");
    }
    try {
      byte[] cert = read(l.getTls().getCert());
      byte[] key = read(l.getTls().getKey());
      byte[] root = l.getTls().hasRoot() ? read(l.getTls().getRoot()) : new byte[0];
      CacheKey cacheKey =
          new CacheKey(
              List.of(l.getTls().toString()),
              List.of(
                  java.util.Arrays.hashCode(cert),
                  java.util.Arrays.hashCode(key),
                  java.util.Arrays.hashCode(root)));
      SslContext cached = cache.get(cacheKey);
      if (cached != null) {
        return cached;
      }
      SslContextBuilder builder =
          SslContextBuilder.forServer(
              new ByteArrayInputStream(cert), new ByteArrayInputStream(key));
      if (root.length > 0) {
        builder.trustManager(new ByteArrayInputStream(root)).clientAuth(ClientAuth.REQUIRE);
      }
      SslContext context = builder.build();
      cache.put(cacheKey, context);
      return context;
    } catch (IOException e) {
      throw new IllegalArgumentException("listener " + l.getName() + " TLS: " + e.getMessage(), e);
    }
  }

  private static byte[] read(DataSource source) throws IOException {
    return switch (source.getSourceCase()) {
      case INLINE -> source.getInline().getBytes(StandardCharsets.UTF_8);
      case FILE -> {
        try (InputStream in = Files.newInputStream(Path.of(source.getFile()))) {
          yield in.readAllBytes();
        }
      }
      case SOURCE_NOT_SET -> throw new IOException("no certificate source");
    };
  }
}
