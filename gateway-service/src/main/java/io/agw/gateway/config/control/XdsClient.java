package io.agw.gateway.config.control;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.state.ResourceStore;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds the gateway from the control service over delta xDS (Envoy's {@code
 * DeltaAggregatedResources}, our {@code Resource} as the one type). Each response is applied whole
 * to the {@link ResourceStore} and ACKed, or refused whole and NACKed with the reasons while the
 * last good state keeps serving. When the stream is lost the gateway keeps serving what it has and
 * reconnects with exponential backoff; a new stream reports the versions held, so the control
 * service sends only the difference.
 *
 * <p>Every attempt after a loss opens a new channel. A gRPC channel keeps its own connection
 * backoff (1 s growing to 120 s) and fails calls fast while it waits, which would make {@code
 * agw.xds.max-backoff} meaningless: a fresh channel connects when the call starts, so our backoff
 * alone decides when the next connection attempt is made.
 *
 * <p>Threading: responses arrive on gRPC's executor one at a time; stream (re)creation runs on one
 * scheduler thread. Both touch the stream under this object's lock.
 */
public final class XdsClient implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(XdsClient.class);

  private final GatewayProperties.Xds xds;
  private final DeltaApplier applier;
  private final Backoff backoff;
  private ScheduledExecutorService scheduler;
  private ManagedChannel channel;
  private ClientCallStreamObserver<DeltaDiscoveryRequest> requests;
  private int failures;
  private volatile boolean running;

  public XdsClient(GatewayProperties.Xds xds, ResourceStore store) {
    if (xds.gateway() == null || xds.gateway().isBlank()) {
      throw new IllegalArgumentException(
          "agw.xds.gateway must name this gateway's Gateway resource when agw.xds.address is set");
    }
    this.xds = xds;
    this.applier = new DeltaApplier(store, "xds " + xds.address());
    this.backoff = new Backoff(xds.initialBackoff(), xds.maxBackoff());
  }

  @Override
  public synchronized void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "agw-xds");
              t.setDaemon(true);
              return t;
            });
    running = true;
    log.info(
        "taking configuration from the control service at {} as {}", xds.address(), xds.nodeId());
    scheduler.execute(this::connect);
  }

  private synchronized void connect() {
    if (!running) {
      return;
    }
    if (channel != null) {
      channel.shutdownNow();
    }
    channel = Grpc.newChannelBuilder(xds.address(), InsecureChannelCredentials.create()).build();
    var stub = AggregatedDiscoveryServiceGrpc.newStub(channel);
    stub.deltaAggregatedResources(new Stream());
    DeltaDiscoveryRequest first =
        DeltaDiscoveryRequest.newBuilder()
            .setNode(Node.newBuilder().setId(xds.nodeId()).setCluster(xds.namespace()))
            .setTypeUrl(DeltaApplier.TYPE_URL)
            .putAllInitialResourceVersions(applier.held())
            .build();
    requests.onNext(first);
  }

  /** One stream: responses in, ACKs and NACKs out. */
  private final class Stream
      implements ClientResponseObserver<DeltaDiscoveryRequest, DeltaDiscoveryResponse> {

    private ClientCallStreamObserver<DeltaDiscoveryRequest> own;

    @Override
    public void beforeStart(ClientCallStreamObserver<DeltaDiscoveryRequest> requestStream) {
      own = requestStream;
      requests = requestStream;
    }

    @Override
    public void onNext(DeltaDiscoveryResponse response) {
      synchronized (XdsClient.this) {
        if (requests != own) {
          return;
        }
        failures = 0;
        DeltaDiscoveryRequest answer = applier.apply(response);
        if (answer.hasErrorDetail()) {
          log.warn(
              "refused control-service version {}: {}",
              response.getSystemVersionInfo(),
              answer.getErrorDetail().getMessage());
        }
        own.onNext(answer);
      }
    }

    @Override
    public void onError(Throwable t) {
      Status status = Status.fromThrowable(t);
      lost(this, status.getCode() + " " + status.getDescription());
    }

    @Override
    public void onCompleted() {
      lost(this, "the control service closed the stream");
    }
  }

  private synchronized void lost(Stream stream, String why) {
    if (!running || requests != stream.own) {
      return;
    }
    requests = null;
    Duration wait = backoff.delay(failures, ThreadLocalRandom.current().nextDouble());
    // One warning per outage; the retries of an outage only at debug level.
    if (failures++ == 0) {
      log.warn(
          "lost the control service at {} ({}); serving the last state, reconnecting in {} ms",
          xds.address(),
          why,
          wait.toMillis());
    } else {
      log.debug(
          "control service at {} still unreachable ({}); next try in {} ms",
          xds.address(),
          why,
          wait.toMillis());
    }
    scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ClientCallStreamObserver<DeltaDiscoveryRequest> open;
    synchronized (this) {
      running = false;
      open = requests;
      requests = null;
    }
    if (open != null) {
      open.cancel("the gateway is stopping", null);
    }
    scheduler.shutdownNow();
    synchronized (this) {
      if (channel != null) {
        channel.shutdownNow();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** With the file source's phase: before the web server reports ready. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1000;
  }
}
