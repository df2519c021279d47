package io.agw.gateway.server.bench;

import io.agw.gateway.server.PathNormalizer;
import io.agw.gateway.server.PathNormalizer.EscapedSlashes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One normalization of a request path with the default settings (merged slashes, encoded slashes
 * refused), as the first filter of a traffic port runs it per request: a path that is already
 * canonical (the common case, answered by a scan without allocation) and paths that need the full
 * rewrite (dot segments, percent-encodings, repeated slashes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PathNormalizerBenchmark {

  @Param({
    "/v1/chat/completions",
    "/echo/x/../admin/%61pi//v1/./models/caf%c3%a9",
    "/mcp/servers/files/tools/read_file"
  })
  public String path;

  private final PathNormalizer normalizer = new PathNormalizer(true, EscapedSlashes.REJECT);

  @Benchmark
  public String normalize() {
    return normalizer.normalize(path);
  }
}
