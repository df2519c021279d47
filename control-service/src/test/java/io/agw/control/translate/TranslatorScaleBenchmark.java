package io.agw.control.translate;

import io.agw.control.xds.SnapshotCache;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bounded benchmark (not a test: its name keeps it out of the normal test run, and it asserts
 * nothing about time) of the control service's work per change at scale: translating a cluster of
 * one Gateway and N HTTPRoutes, and publishing the result to the snapshot cache (which hashes every
 * resource to version it). Prints wall and CPU time (the thread's; on a shared machine the wall
 * time mostly measures waiting for a core). Run with
 *
 * <pre>./mvnw -B -o -pl control-service test -Dtest=TranslatorScaleBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class TranslatorScaleBenchmark {

  static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  static final int WARMUP = 15;
  static final int RUNS = 30;

  @Test
  void translateAndPublish() {
    for (int size : new int[] {100, 5000}) {
      List<HTTPRoute> routes = new ArrayList<>(ScaleViews.routes(size));
      Translator translator = new Translator();
      SnapshotCache cache = new SnapshotCache();
      long[] translate = new long[RUNS];
      long[] publish = new long[RUNS];
      long[] translateCpu = new long[RUNS];
      long[] publishCpu = new long[RUNS];
      for (int i = 0; i < WARMUP + RUNS; i++) {
        // One route changes per run, as one edit in the cluster would.
        routes.set(i % size, ScaleViews.route(i % size, "/changed" + i));
        ClusterView view = ScaleViews.view(routes);
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Translation t = translator.translate(view);
        long t1 = System.nanoTime();
        long c1 = CPU.getCurrentThreadCpuTime();
        cache.publish(ScaleViews.NODE, t.gateways().get(ScaleViews.NODE).resources());
        long t2 = System.nanoTime();
        long c2 = CPU.getCurrentThreadCpuTime();
        if (i >= WARMUP) {
          translate[i - WARMUP] = t1 - t0;
          publish[i - WARMUP] = t2 - t1;
          translateCpu[i - WARMUP] = c1 - c0;
          publishCpu[i - WARMUP] = c2 - c1;
        }
      }
      System.out.printf(
          "routes=%d translate: wall %s; cpu %s%n",
          size, summary(translate), summary(translateCpu));
      System.out.printf(
          "routes=%d publish (version + diff): wall %s; cpu %s%n",
          size, summary(publish), summary(publishCpu));
    }
  }

  static String summary(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        "median %.2f ms, p90 %.2f ms, max %.2f ms (%d runs)",
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.9)] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        sorted.length);
  }
}
