package io.agw.gateway.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.netty.resources.LoopResources;

/**
 * The event loops of {@code config.workerThreads}: one loop group of that many threads ({@code
 * agw-worker-nio-N}) shared by the traffic ports and the upstream HTTP client. Without the setting
 * they run on reactor-netty's default loops ({@code reactor-http-nio-N}, as many as CPUs, at least
 * 4, or {@code reactor.netty.ioWorkerCount}).
 */
public final class WorkerLoops implements DisposableBean {

  /** The prefix of the threads' names. */
  public static final String PREFIX = "agw-worker";

  private static final Logger log = LoggerFactory.getLogger(WorkerLoops.class);

  private final LoopResources loops;

  /**
   * @param threads the number of worker threads; null for reactor-netty's default loops
   */
  public WorkerLoops(Integer threads) {
    if (threads == null) {
      loops = null;
    } else {
      loops = LoopResources.create(PREFIX, 1, threads, true);
      log.info("{} worker threads", threads);
    }
  }

  /** The loops to run on, or null for reactor-netty's default ones. */
  public LoopResources loops() {
    return loops;
  }

  @Override
  public void destroy() {
    if (loops != null) {
      loops.disposeLater().block(java.time.Duration.ofSeconds(5));
    }
  }
}
