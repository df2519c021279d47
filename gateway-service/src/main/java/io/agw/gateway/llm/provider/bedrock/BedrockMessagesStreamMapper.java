package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.provider.StreamMapper;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.BlockDelta;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.anthropic.Usage;
import io.agw.gateway.llm.wire.bedrock.BedrockUsage;
import io.agw.gateway.llm.wire.bedrock.ConverseStreamEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Translates a ConverseStream into Anthropic Messages stream events, one upstream event at a time.
 * Converse announces only tool-use blocks; a text or reasoning block is opened here at its first
 * delta. The {@code message_delta} (stop reason and usage) and {@code message_stop} are sent when
 * Converse's final {@code metadata} event arrives, since the usage comes after the stop reason.
 *
 * <p>Lifecycle: one instance per response; {@link #map} per event in order, then {@link #finish()}.
 * Not thread-safe.
 */
public final class BedrockMessagesStreamMapper
    implements StreamMapper<ConverseStreamEvent, StreamEvent> {

  private final String model;
  private final Set<Integer> open = new HashSet<>();
  private BedrockUsage usage;
  private String stopReason;
  private boolean stopped;
  private boolean ended;

  /**
   * @param model the model named in {@code message_start} (Converse names none)
   */
  public BedrockMessagesStreamMapper(String model) {
    this.model = model;
  }

  /**
   * The events to send for one upstream event.
   *
   * @throws StreamErrorException for an exception frame
   */
  @Override
  public List<StreamEvent> map(ConverseStreamEvent event) {
    List<StreamEvent> out = new ArrayList<>();
    if (event instanceof ConverseStreamEvent.MessageStart) {
      out.add(
          new StreamEvent.MessageStart(
              new MessagesResponse(
                  "msg_" + UUID.randomUUID().toString().replace("-", ""),
                  "message",
                  "assistant",
                  model,
                  List.of(),
                  null,
                  null,
                  new Usage(0L, 0L),
                  null)));
    } else if (event instanceof ConverseStreamEvent.ContentBlockStart e) {
      if (e.start() != null && e.start().toolUse() != null) {
        open.add(e.contentBlockIndex());
        out.add(
            new StreamEvent.ContentBlockStart(
                e.contentBlockIndex(),
                new ContentBlock.ToolUse(
                    e.start().toolUse().toolUseId(),
                    e.start().toolUse().name(),
                    WireJson.nodes().objectNode())));
      }
    } else if (event instanceof ConverseStreamEvent.ContentBlockDelta e) {
      delta(e.contentBlockIndex(), e.delta(), out);
    } else if (event instanceof ConverseStreamEvent.ContentBlockStop e) {
      if (open.remove(e.contentBlockIndex())) {
        out.add(new StreamEvent.ContentBlockStop(e.contentBlockIndex()));
      }
    } else if (event instanceof ConverseStreamEvent.MessageStop e) {
      stopReason = e.stopReason();
      stopped = true;
    } else if (event instanceof ConverseStreamEvent.Metadata e) {
      usage = e.usage();
      end(out);
    } else if (event instanceof ConverseStreamEvent.Failure e) {
      throw new StreamErrorException(BedrockErrors.anthropicType(e.type()), e.message());
    }
    return out;
  }

  /** The events to send when the upstream ends: the end of the message if not sent yet. */
  @Override
  public List<StreamEvent> finish() {
    List<StreamEvent> out = new ArrayList<>();
    if (stopped) {
      end(out);
    }
    return out;
  }

  /** Whether Converse said the message is complete ({@code messageStop}). */
  @Override
  public boolean complete() {
    return stopped;
  }

  /** The usage seen so far. */
  @Override
  public TokenUsage usage() {
    return BedrockUsageMapper.toTokenUsage(usage, model);
  }

  private void delta(int index, ConverseStreamEvent.Delta delta, List<StreamEvent> out) {
    if (delta == null) {
      return;
    }
    if (delta.text() != null) {
      start(index, new ContentBlock.Text(""), out);
      out.add(
          new StreamEvent.ContentBlockDelta(index, new BlockDelta.TextDelta(delta.text(), null)));
    } else if (delta.reasoningContent() != null) {
      ConverseStreamEvent.ReasoningDelta r = delta.reasoningContent();
      start(index, new ContentBlock.Thinking("", ""), out);
      if (r.text() != null) {
        out.add(
            new StreamEvent.ContentBlockDelta(index, new BlockDelta.ThinkingDelta(r.text(), null)));
      }
      if (r.signature() != null) {
        out.add(
            new StreamEvent.ContentBlockDelta(
                index, new BlockDelta.SignatureDelta(r.signature(), null)));
      }
    } else if (delta.toolUse() != null && open.contains(index)) {
      out.add(
          new StreamEvent.ContentBlockDelta(
              index, new BlockDelta.InputJsonDelta(delta.toolUse().input(), null)));
    }
  }

  private void start(int index, ContentBlock block, List<StreamEvent> out) {
    if (open.add(index)) {
      out.add(new StreamEvent.ContentBlockStart(index, block));
    }
  }

  private void end(List<StreamEvent> out) {
    if (ended) {
      return;
    }
    ended = true;
    out.add(
        new StreamEvent.MessageDelta(
            new StreamEvent.MessageDelta.Delta(
                BedrockStopReason.toAnthropic(stopReason == null ? "end_turn" : stopReason),
                null,
                null),
            BedrockUsageMapper.toAnthropic(usage)));
    out.add(new StreamEvent.MessageStop(null));
  }
}
