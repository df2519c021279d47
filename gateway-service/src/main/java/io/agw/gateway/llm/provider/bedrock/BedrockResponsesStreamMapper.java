package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.provider.StreamMapper;
import io.agw.gateway.llm.provider.openai.responses.ResponsesStreamBuilder;
import io.agw.gateway.llm.wire.bedrock.BedrockUsage;
import io.agw.gateway.llm.wire.bedrock.ConverseStreamEvent;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Translates a ConverseStream into OpenAI Responses stream events, written by the shared {@link
 * ResponsesStreamBuilder}, one upstream event at a time. Each Converse block is one output item:
 * text a {@code message}, reasoning a {@code reasoning} item with a summary, a tool call a {@code
 * function_call}. {@code response.completed} comes with Converse's usage ({@code metadata}), or at
 * the end of the upstream if Converse stopped without it.
 *
 * <p>Lifecycle: one instance per response; {@link #map} per event in order, then {@link #finish()}.
 * Not thread-safe.
 */
public final class BedrockResponsesStreamMapper
    implements StreamMapper<ConverseStreamEvent, ResponsesStreamEvent> {

  private final String model;
  private final ResponsesStreamBuilder events;
  private final TreeMap<Integer, ResponsesStreamBuilder.OpenItem> open = new TreeMap<>();
  private BedrockUsage usage;
  private String stopReason;
  private boolean stopped;

  public BedrockResponsesStreamMapper(String model) {
    this(model, Clock.systemUTC());
  }

  public BedrockResponsesStreamMapper(String model, Clock clock) {
    this.model = model;
    this.events = new ResponsesStreamBuilder(model, clock);
  }

  /**
   * The events for one upstream event.
   *
   * @throws StreamErrorException for an exception frame
   */
  @Override
  public List<ResponsesStreamEvent> map(ConverseStreamEvent event) {
    List<ResponsesStreamEvent> out = new ArrayList<>();
    if (event instanceof ConverseStreamEvent.MessageStart) {
      events.start(out);
    } else if (event instanceof ConverseStreamEvent.ContentBlockStart e) {
      if (e.start() != null && e.start().toolUse() != null) {
        var tool = e.start().toolUse();
        closeBefore(e.contentBlockIndex(), out);
        open.put(
            e.contentBlockIndex(), events.openFunctionCall(tool.toolUseId(), tool.name(), out));
      }
    } else if (event instanceof ConverseStreamEvent.ContentBlockDelta e) {
      delta(e.contentBlockIndex(), e.delta(), out);
    } else if (event instanceof ConverseStreamEvent.ContentBlockStop e) {
      close(e.contentBlockIndex(), out);
    } else if (event instanceof ConverseStreamEvent.MessageStop e) {
      stopReason = e.stopReason();
      stopped = true;
      closeAll(out);
    } else if (event instanceof ConverseStreamEvent.Metadata e) {
      usage = e.usage();
      end(out);
    } else if (event instanceof ConverseStreamEvent.Failure e) {
      throw new StreamErrorException(BedrockErrors.openAiTypeOfException(e.type()), e.message());
    }
    return out;
  }

  /** The events when the upstream ends: the completion if Converse stopped but sent no usage. */
  @Override
  public List<ResponsesStreamEvent> finish() {
    List<ResponsesStreamEvent> out = new ArrayList<>();
    if (stopped) {
      end(out);
    }
    return out;
  }

  @Override
  public boolean complete() {
    return stopped;
  }

  @Override
  public TokenUsage usage() {
    return BedrockUsageMapper.toTokenUsage(usage, model);
  }

  private void delta(int index, ConverseStreamEvent.Delta delta, List<ResponsesStreamEvent> out) {
    if (delta == null) {
      return;
    }
    ResponsesStreamBuilder.OpenItem item = open.get(index);
    if (delta.text() != null) {
      if (item == null) {
        closeBefore(index, out);
        item = events.openMessage(out);
        open.put(index, item);
      }
      events.textDelta(item, delta.text(), out);
    } else if (delta.reasoningContent() != null && delta.reasoningContent().text() != null) {
      if (item == null) {
        closeBefore(index, out);
        item = events.openReasoning(out);
        open.put(index, item);
      }
      events.summaryDelta(item, delta.reasoningContent().text(), out);
    } else if (delta.toolUse() != null && item != null && item.isFunctionCall()) {
      events.argumentsDelta(item, delta.toolUse().input(), out);
    }
  }

  /**
   * Converse blocks come one after another: a new block ends the ones before it, even when their
   * contentBlockStop never came.
   */
  private void closeBefore(int index, List<ResponsesStreamEvent> out) {
    for (Integer earlier : new ArrayList<>(open.headMap(index).keySet())) {
      close(earlier, out);
    }
  }

  private void close(int index, List<ResponsesStreamEvent> out) {
    ResponsesStreamBuilder.OpenItem item = open.remove(index);
    if (item != null) {
      events.close(item, out);
    }
  }

  private void closeAll(List<ResponsesStreamEvent> out) {
    for (Integer index : new ArrayList<>(open.keySet())) {
      close(index, out);
    }
  }

  private void end(List<ResponsesStreamEvent> out) {
    if (events.finalResponse() != null) {
      return;
    }
    closeAll(out);
    events.complete(
        "max_tokens".equals(stopReason),
        usage == null ? null : BedrockUsageMapper.toResponses(usage),
        out);
  }
}
