package io.agw.gateway.usage.budget;

import io.agw.gateway.usage.cost.ModelPrices;
import io.agw.gateway.usage.store.UsageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Budgets: the store, the cache, the ledger, the filter that holds LLM calls and the admin API. */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

  @Bean
  BudgetSettings budgetSettings(
      @Value("${agw.budgets.default-max-output-tokens:4096}") long defaultMaxOutputTokens,
      @Value("${agw.budgets.lease-fraction:0.1}") double leaseFraction,
      @Value("${agw.budgets.failure-mode:failClosed}") String failureMode,
      @Value("${agw.budgets.unpriced-models:refuse}") String unpriced,
      @Value("${agw.budgets.poll-interval:250ms}") Duration poll,
      @Value("${agw.budgets.flush-interval:500ms}") Duration flush,
      @Value("${agw.budgets.lease-idle-return:1s}") Duration idleReturn,
      @Value("${agw.budgets.startup-wait:10s}") Duration startupWait) {
    boolean failOpen =
        switch (failureMode) {
          case "failOpen" -> true;
          case "failClosed" -> false;
          default ->
              throw new IllegalArgumentException(
                  "agw.budgets.failure-mode must be failClosed or failOpen, not " + failureMode);
        };
    boolean refuseUnpriced =
        switch (unpriced) {
          case "refuse" -> true;
          case "allow" -> false;
          default ->
              throw new IllegalArgumentException(
                  "agw.budgets.unpriced-models must be refuse or allow, not " + unpriced);
        };
    return new BudgetSettings(
        defaultMaxOutputTokens,
        leaseFraction,
        failOpen,
        refuseUnpriced,
        poll,
        flush,
        idleReturn,
        startupWait);
  }

  @Bean
  BudgetStore budgetStore(UsageStore usage, ObjectProvider<Clock> clock) {
    return new BudgetStore(
        () -> usage.database().orElse(null), clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  BudgetCatalog budgetCatalog(BudgetStore store, UsageStore usage) {
    BudgetCatalog catalog = new BudgetCatalog(store);
    // The store opens after the configuration file is read: load the budgets as soon as it is
    // open rather than at the next poll, so the first calls are not refused as unchecked.
    usage.whenAvailable(database -> catalog.refresh());
    return catalog;
  }

  @Bean
  BudgetMetrics budgetMetrics(MeterRegistry registry) {
    return new BudgetMetrics(registry);
  }

  @Bean
  BudgetLedger budgetLedger(
      BudgetStore store, BudgetSettings settings, ObjectProvider<Clock> clock) {
    return new BudgetLedger(
        store, settings, clock.getIfAvailable(Clock::systemUTC), new SoftBudgetAlert());
  }

  @Bean(initMethod = "start", destroyMethod = "stop")
  BudgetRefresher budgetRefresher(
      BudgetCatalog catalog, BudgetLedger ledger, BudgetMetrics metrics, BudgetSettings settings) {
    return new BudgetRefresher(catalog, ledger, metrics, settings);
  }

  @Bean
  BudgetFilter budgetFilter(
      BudgetCatalog catalog,
      BudgetLedger ledger,
      ObjectProvider<ModelPrices> prices,
      BudgetSettings settings,
      BudgetMetrics metrics,
      ObjectProvider<Clock> clock) {
    return new BudgetFilter(
        catalog,
        ledger,
        prices::getIfAvailable,
        settings,
        metrics,
        clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  RouterFunction<ServerResponse> budgetAdminRoutes(
      BudgetStore store, BudgetCatalog catalog, BudgetLedger ledger) {
    return new BudgetAdminRoutes(store, catalog, ledger).routes();
  }
}
