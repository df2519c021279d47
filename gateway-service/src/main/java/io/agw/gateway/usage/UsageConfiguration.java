package io.agw.gateway.usage;

import io.agw.gateway.config.ConfigFileSource;
import io.agw.gateway.usage.store.DatabaseSettings;
import io.agw.gateway.usage.store.GuardDecisionFilter;
import io.agw.gateway.usage.store.GuardDecisionRoutes;
import io.agw.gateway.usage.store.UsageRecorder;
import io.agw.gateway.usage.store.UsageRetention;
import io.agw.gateway.usage.store.UsageRoutes;
import io.agw.gateway.usage.store.UsageStore;
import io.agw.gateway.usage.store.UsageStoreHealth;
import io.agw.model.config.GatewaySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The usage store: where it is (the file's {@code config.logging.database}, else its {@code
 * config.database}, else {@code agw.database.url}), opened in the background once the configuration
 * file has been read; the recorder that writes a row per LLM call; retention; the spend queries'
 * admin API; the {@code usageStore} health.
 */
@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

  /** After the configuration file's source (which starts at {@code DEFAULT_PHASE - 1000}). */
  static final int START_PHASE = SmartLifecycle.DEFAULT_PHASE - 900;

  /** Before everything else starts, so after everything else has stopped. */
  static final int STOP_PHASE = Integer.MIN_VALUE / 2;

  @Bean(destroyMethod = "close")
  UsageStore usageStore(
      @Value("${agw.database.url:sqlite:data/agw.db}") String url,
      @Value("${agw.database.max-connections:" + DatabaseSettings.DEFAULT_MAX_CONNECTIONS + "}")
          int maxConnections,
      ObjectProvider<ConfigFileSource> file) {
    return new UsageStore(
        () -> {
          ConfigFileSource source = file.getIfAvailable();
          GatewaySettings.Database fromFile =
              source == null ? null : source.settings().usageDatabase();
          if (fromFile == null) {
            return new DatabaseSettings(url, maxConnections);
          }
          return new DatabaseSettings(
              fromFile.url(),
              fromFile.maxConnections() == null
                  ? DatabaseSettings.DEFAULT_MAX_CONNECTIONS
                  : fromFile.maxConnections());
        });
  }

  @Bean
  UsageRecorder usageRecorder(
      UsageStore store,
      MeterRegistry meters,
      ObjectProvider<ConfigFileSource> file,
      @Value("${agw.usage.queue-capacity:10000}") int queueCapacity,
      @Value("${agw.usage.batch-size:500}") int batchSize,
      @Value("${agw.usage.flush-interval:1s}") Duration flushInterval,
      @Value("${agw.usage.retry-delay:500ms}") Duration retryDelay,
      @Value("${agw.usage.shutdown-timeout:10s}") Duration shutdownTimeout) {
    return new UsageRecorder(
        store,
        new UsageRecorder.Settings(
            queueCapacity, batchSize, flushInterval, retryDelay, shutdownTimeout),
        meters,
        () -> {
          ConfigFileSource source = file.getIfAvailable();
          return source != null
              && source.settings().llmLogging() == GatewaySettings.DatabaseLlmMode.FULL;
        });
  }

  @Bean
  UsageRetention usageRetention(
      UsageStore store,
      @Value("${agw.usage.retention:90d}") Duration retention,
      @Value("${agw.usage.retention-interval:1h}") Duration every) {
    return new UsageRetention(store, retention, every, Clock.systemUTC());
  }

  /** Starts the store, the writer and retention once the configuration file has been read. */
  @Bean
  SmartLifecycle usageStoreStart(
      UsageStore store, UsageRecorder recorder, UsageRetention retention) {
    return new Phase(
        START_PHASE,
        () -> {
          store.start();
          recorder.start();
          retention.start();
        },
        () -> {});
  }

  /**
   * Stops retention and writes what is queued only after every server has stopped (the lowest phase
   * stops last), so that calls finishing during a graceful shutdown are recorded too.
   */
  @Bean
  SmartLifecycle usageStoreStop(UsageRecorder recorder, UsageRetention retention) {
    return new Phase(
        STOP_PHASE,
        () -> {},
        () -> {
          retention.stop();
          recorder.stop();
        });
  }

  /** A lifecycle step in one phase. */
  private static final class Phase implements SmartLifecycle {
    private final int phase;
    private final Runnable start;
    private final Runnable stop;
    private volatile boolean running;

    Phase(int phase, Runnable start, Runnable stop) {
      this.phase = phase;
      this.start = start;
      this.stop = stop;
    }

    @Override
    public void start() {
      start.run();
      running = true;
    }

    @Override
    public void stop() {
      stop.run();
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int getPhase() {
      return phase;
    }
  }

  /** Health contributor {@code usageStore}, named after this bean. */
  @Bean
  UsageStoreHealth usageStoreHealthIndicator(UsageStore store, UsageRecorder recorder) {
    return new UsageStoreHealth(store, recorder);
  }

  @Bean
  RouterFunction<ServerResponse> usageRoutes(UsageStore store) {
    return new UsageRoutes(store, Clock.systemUTC()).routes();
  }

  /** Every guardrail decision into the usage store, by the usage writer. */
  @Bean
  GuardDecisionFilter guardDecisionFilter(UsageRecorder recorder) {
    return new GuardDecisionFilter(recorder);
  }

  @Bean
  RouterFunction<ServerResponse> guardDecisionRoutes(UsageStore store) {
    return new GuardDecisionRoutes(store, Clock.systemUTC()).routes();
  }
}
