package io.agw.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.a2a.A2aCallSummary.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Calls fed to the observer in small chunks, as they arrive from the network. */
class A2aCallObserverTest {

  private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;
  private static final String STREAM_REQUEST =
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"message/stream\",\"params\":{\"message\":"
          + "{\"kind\":\"message\",\"messageId\":\"m4\",\"role\":\"user\",\"parts\":[]}}}";

  private final List<A2aCallSummary> reported = new ArrayList<>();
  private final A2aCallObserver observer = new A2aCallObserver(new A2aCallParser(), reported::add);

  @Test
  void aV03StreamSplitAnywhereGivesTheFinalStateAndIds() throws IOException {
    request(STREAM_REQUEST, 5);
    observer.responseStarted(HttpStatus.OK, MediaType.TEXT_EVENT_STREAM);
    feed(fixture("v03-stream.sse"), 7);
    observer.completed(HttpStatus.OK);

    A2aCallSummary s = only();
    assertThat(s.call().kind()).isEqualTo(A2aMethod.SEND_STREAMING_MESSAGE);
    assertThat(s.call().id()).contains("3");
    assertThat(s.taskId()).contains("c9406af0-73f2-41fd-92d0-6ae0c5ca1f0a");
    assertThat(s.contextId()).contains("ab2df2f4-8367-4c32-82a7-25f6c6a4eb11");
    assertThat(s.state()).contains("completed");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(s.events()).isEqualTo(4);
  }

  @Test
  void aV10StreamReportsStatesInTheV03Spelling() throws IOException {
    request(
        "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"SendStreamingMessage\",\"params\":{}}",
        64);
    observer.responseStarted(HttpStatus.OK, MediaType.parseMediaType("text/event-stream;q=1"));
    feed(fixture("v10-stream.sse"), 13);
    observer.completed(HttpStatus.OK);

    A2aCallSummary s = only();
    assertThat(s.call().kind()).isEqualTo(A2aMethod.SEND_STREAMING_MESSAGE);
    assertThat(s.taskId()).contains("f2dd2abf-9da3-43cd-979b-fec2e739e2fd");
    assertThat(s.state()).contains("completed");
    assertThat(s.events()).isEqualTo(4);
  }

  @Test
  void aJsonErrorKeepsTheRequestedTaskAndTheCode() throws IOException {
    request(
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tasks/get\",\"params\":{\"id\":\"nope\"}}", 9);
    observer.responseStarted(HttpStatus.OK, MediaType.APPLICATION_JSON);
    feed(fixture("v03-task-not-found.response.json"), 10);
    observer.completed(HttpStatus.OK);

    A2aCallSummary s = only();
    assertThat(s.call().kind()).isEqualTo(A2aMethod.GET_TASK);
    assertThat(s.taskId()).contains("nope");
    assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(s.errorCode()).contains(-32001);
    assertThat(s.state()).isEmpty();
    assertThat(s.events()).isZero();
  }

  @Test
  void aMessageReplyIsASuccessWithoutState() throws IOException {
    request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{}}", 1000);
    observer.responseStarted(HttpStatus.OK, MediaType.APPLICATION_JSON);
    feed(fixture("v10-send-message.response.json"), 50);
    observer.completed(HttpStatus.OK);

    A2aCallSummary s = only();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(s.contextId()).contains("b044bec8-b2ec-4aa0-909b-00103e81de0a");
    assertThat(s.state()).isEmpty();
  }

  @Test
  void nonJsonAnswersAreUnreadableOrHttpErrors() {
    request("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\"}", 1000);
    observer.responseStarted(HttpStatus.OK, MediaType.TEXT_HTML);
    feed("<html>hi</html>".getBytes(StandardCharsets.UTF_8), 4);
    observer.completed(HttpStatus.OK);
    assertThat(only().outcome()).isEqualTo(Outcome.UNREADABLE);

    reported.clear();
    A2aCallObserver failing = new A2aCallObserver(new A2aCallParser(), reported::add);
    failing.responseStarted(HttpStatus.BAD_GATEWAY, MediaType.TEXT_PLAIN);
    failing.completed(HttpStatus.BAD_GATEWAY);
    assertThat(only().outcome()).isEqualTo(Outcome.HTTP_ERROR);
    assertThat(only().call()).isEqualTo(A2aCallInfo.EMPTY);
  }

  @Test
  void reportsOnceWhicheverEndSignalComesFirst() throws IOException {
    request(STREAM_REQUEST, 1000);
    observer.responseStarted(HttpStatus.OK, MediaType.TEXT_EVENT_STREAM);
    byte[] stream = fixture("v03-stream.sse");
    feed(java.util.Arrays.copyOf(stream, stream.length / 2), 100);
    observer.cancelled();
    observer.completed(HttpStatus.OK);
    observer.failed();

    A2aCallSummary s = only();
    assertThat(s.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(s.taskId()).as("read before the client left").isPresent();
  }

  @Test
  void aRequestOverTheLimitIsNotParsedAndARetryStartsAfresh() {
    byte[] big = new byte[A2aCallObserver.MAX_INSPECTED_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    observer.requestStarted();
    observer.requestChunk(BUFFERS.wrap(big));
    observer.requestStarted();
    feedRequest(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/cancel\",\"params\":{\"id\":\"t\"}}");
    observer.responseStarted(HttpStatus.OK, MediaType.APPLICATION_JSON);
    observer.completed(HttpStatus.OK);
    assertThat(only().call().kind()).isEqualTo(A2aMethod.CANCEL_TASK);

    reported.clear();
    A2aCallObserver oversized = new A2aCallObserver(new A2aCallParser(), reported::add);
    oversized.requestStarted();
    oversized.requestChunk(BUFFERS.wrap(big));
    oversized.completed(HttpStatus.OK);
    assertThat(only().call()).isEqualTo(A2aCallInfo.EMPTY);
    assertThat(only().taskId()).isEqualTo(Optional.empty());
  }

  private A2aCallSummary only() {
    assertThat(reported).hasSize(1);
    return reported.get(0);
  }

  private void request(String json, int chunk) {
    observer.requestStarted();
    for (DataBuffer b : chunks(json.getBytes(StandardCharsets.UTF_8), chunk)) {
      observer.requestChunk(b);
      assertThat(b.readableByteCount()).as("the chunk is left for the upstream").isPositive();
    }
  }

  private void feedRequest(String json) {
    observer.requestChunk(BUFFERS.wrap(json.getBytes(StandardCharsets.UTF_8)));
  }

  private void feed(byte[] body, int chunk) {
    chunks(body, chunk).forEach(observer::responseChunk);
  }

  private static List<DataBuffer> chunks(byte[] bytes, int size) {
    List<DataBuffer> out = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += size) {
      out.add(
          BUFFERS.wrap(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size))));
    }
    return out;
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = A2aCallObserverTest.class.getResourceAsStream("/a2a/wire/" + name)) {
      return in.readAllBytes();
    }
  }
}
