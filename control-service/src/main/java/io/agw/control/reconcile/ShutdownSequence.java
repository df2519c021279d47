package io.agw.control.reconcile;

import io.agw.control.xds.DeltaAdsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The control service's shutdown order (SIGTERM closes the context): first no more snapshots (the
 * follower publisher and the operator stop), then every xDS stream ends with {@code UNAVAILABLE}
 * and new ones are refused, so gateways reconnect elsewhere and keep serving what they hold.
 *
 * <p>It runs on the context's closed event, before any lifecycle stops. Lifecycle phases cannot
 * express this order: spring-grpc's server lifecycle has the highest phase, so it would stop first
 * and wait its whole grace period for xDS streams, which never end on their own, while the operator
 * went on publishing.
 */
final class ShutdownSequence implements ApplicationListener<ContextClosedEvent> {

  private static final Logger log = LoggerFactory.getLogger(ShutdownSequence.class);

  private final FollowerPublisher follower;
  private final OperatorLifecycle operator;
  private final DeltaAdsService ads;

  ShutdownSequence(FollowerPublisher follower, OperatorLifecycle operator, DeltaAdsService ads) {
    this.follower = follower;
    this.operator = operator;
    this.ads = ads;
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    log.info("stopping: no more snapshots, then ending the xDS streams");
    follower.stop();
    operator.stop();
    ads.endStreams();
  }
}
