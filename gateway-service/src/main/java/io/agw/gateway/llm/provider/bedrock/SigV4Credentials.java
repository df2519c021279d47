package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.provider.OutboundRequest;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs each request to Bedrock with AWS Signature Version 4, using the AWS SDK's signer over the
 * final method, URL, host, content type and body. The signed headers ({@code Authorization}, {@code
 * X-Amz-Date}, {@code X-Amz-Security-Token} for temporary credentials, {@code
 * x-amz-content-sha256}) are added to the outgoing headers.
 *
 * <p>Credentials come from an AWS SDK provider: static keys, or the default chain (environment,
 * profile files, container and instance roles), which may read files or call a metadata endpoint
 * and so is resolved on a scheduler meant for blocking work (the SDK caches what it resolved).
 * Thread-safe; the secret key is never logged.
 */
public final class SigV4Credentials implements UpstreamCredentials {

  /** The headers signed besides the {@code x-amz-*} ones the signer adds. */
  static final List<String> SIGNED_HEADERS = List.of(HttpHeaders.HOST, HttpHeaders.CONTENT_TYPE);

  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final AwsCredentialsProvider provider;
  private final String region;
  private final String service;
  private final Clock clock;

  public SigV4Credentials(AwsCredentialsProvider provider, String region, String service) {
    this(provider, region, service, Clock.systemUTC());
  }

  SigV4Credentials(AwsCredentialsProvider provider, String region, String service, Clock clock) {
    this.provider = provider;
    this.region = region;
    this.service = service;
    this.clock = clock;
  }

  @Override
  public Mono<Void> apply(OutboundRequest request) {
    if (provider instanceof StaticCredentialsProvider) {
      return Mono.fromRunnable(() -> sign(request, provider.resolveCredentials()));
    }
    return Mono.fromCallable(provider::resolveCredentials)
        .subscribeOn(Schedulers.boundedElastic())
        .doOnNext(credentials -> sign(request, credentials))
        .then();
  }

  private void sign(OutboundRequest request, AwsCredentialsIdentity credentials) {
    SignedRequest signed = sign(request, credentials, region, service, clock);
    HttpHeaders headers = request.headers();
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      headers.put(h.getKey(), h.getValue());
    }
  }

  /**
   * Signs {@code request} as it will be sent. Public so that a verifier can sign the request it
   * received the same way and compare.
   */
  public static SignedRequest sign(
      OutboundRequest request,
      AwsCredentialsIdentity credentials,
      String region,
      String service,
      Clock clock) {
    SdkHttpRequest.Builder http =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method().name()))
            .uri(request.uri());
    for (String name : SIGNED_HEADERS) {
      String value = request.headers().getFirst(name);
      if (value != null) {
        http.putHeader(name, value);
      }
    }
    byte[] body = request.body();
    return SIGNER.sign(
        r -> {
          r.identity(credentials)
              .request(http.build())
              .putProperty(AwsV4HttpSigner.REGION_NAME, region)
              .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
              .putProperty(HttpSigner.SIGNING_CLOCK, clock);
          if (body != null) {
            r.payload(ContentStreamProvider.fromByteArray(body));
          } else {
            // A pass-through body streams unread; its hash cannot be known before sending.
            r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false);
          }
        });
  }

  @Override
  public String toString() {
    return "SigV4Credentials[" + service + "/" + region + "]";
  }
}
