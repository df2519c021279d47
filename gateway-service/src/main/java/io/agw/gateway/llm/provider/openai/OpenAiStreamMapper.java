package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamMapper;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.BlockDelta;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.anthropic.Usage;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.llm.wire.openai.ChatUsage;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * Translates an OpenAI chat completion stream into Anthropic Messages stream events, one chunk at a
 * time with no buffering.
 *
 * <p>Output: {@code message_start} on the first chunk; then one content block per run of reasoning,
 * text or a tool call ({@code content_block_start}, deltas, {@code content_block_stop}), opening a
 * new block whenever the kind changes; empty deltas open nothing. The finish reason closes the open
 * block, and {@code message_delta} (stop reason and usage) and {@code message_stop} follow as soon
 * as the usage is known: on the usage chunk that {@code stream_options.include_usage} adds after
 * the finish chunk, or at {@link #finish()} when the upstream sent none.
 *
 * <p>Lifecycle: one instance per response; call {@link #map} for each upstream chunk in order (not
 * for {@code [DONE]}), then {@link #finish()} once. Not thread-safe. {@link #usage()} may be read
 * at any time.
 */
public final class OpenAiStreamMapper implements StreamMapper<ChatCompletionChunk, StreamEvent> {

  private enum Kind {
    NONE,
    TEXT,
    THINKING,
    TOOL
  }

  private final Map<Integer, Integer> blockByToolIndex = new HashMap<>();
  private Kind openKind = Kind.NONE;
  private int openIndex = -1;
  private int nextIndex;
  private String id;
  private String model;
  private String serviceTier;
  private ChatUsage usage;
  private String stopReason;
  private boolean started;
  private boolean stopped;

  /** The events to send for one upstream chunk (possibly none). */
  @Override
  public List<StreamEvent> map(ChatCompletionChunk chunk) {
    List<StreamEvent> out = new ArrayList<>();
    if (stopped) {
      return out;
    }
    if (!started) {
      started = true;
      id = chunk.id();
      model = chunk.model();
      out.add(
          new StreamEvent.MessageStart(
              new MessagesResponse(
                  id,
                  "message",
                  "assistant",
                  model,
                  List.of(),
                  null,
                  null,
                  new Usage(0L, 0L),
                  null)));
    }
    if (chunk.serviceTier() != null) {
      serviceTier = chunk.serviceTier();
    }
    ChatCompletionChunk.Choice choice = firstChoice(chunk);
    if (choice != null && choice.delta() != null) {
      delta(choice.delta(), out);
    }
    if (choice != null && choice.finishReason() != null) {
      stopReason = OpenAiFinishReason.toStopReason(choice.finishReason());
      closeOpenBlock(out);
    }
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
    if (stopReason != null && usage != null) {
      end(out);
    }
    return out;
  }

  /** The events that end the message if the upstream did not (no usage chunk, or truncation). */
  @Override
  public List<StreamEvent> finish() {
    List<StreamEvent> out = new ArrayList<>();
    if (started && !stopped) {
      closeOpenBlock(out);
      end(out);
    }
    return out;
  }

  /** Never: a chat completions stream is complete at its {@code [DONE]} marker. */
  @Override
  public boolean complete() {
    return false;
  }

  /** The usage seen so far; complete after the upstream's usage chunk. */
  @Override
  public TokenUsage usage() {
    return OpenAiUsageMapper.toTokenUsage(usage, model, serviceTier);
  }

  /** Maps a whole stream: {@link #map} per chunk, then {@link #finish()}. */
  public Flux<StreamEvent> map(Flux<ChatCompletionChunk> chunks) {
    return chunks
        .concatMapIterable(this::map)
        .concatWith(Flux.defer(() -> Flux.fromIterable(finish())));
  }

  private static ChatCompletionChunk.Choice firstChoice(ChatCompletionChunk chunk) {
    if (chunk.choices() == null) {
      return null;
    }
    for (ChatCompletionChunk.Choice c : chunk.choices()) {
      // Messages has one choice; any others (n > 1) are not forwarded.
      if (c.index() == null || c.index() == 0) {
        return c;
      }
    }
    return null;
  }

  private void delta(ChatCompletionChunk.Delta delta, List<StreamEvent> out) {
    if (delta.reasoningContent() != null && !delta.reasoningContent().isEmpty()) {
      int index = open(Kind.THINKING, new ContentBlock.Thinking("", ""), out);
      out.add(
          new StreamEvent.ContentBlockDelta(
              index, new BlockDelta.ThinkingDelta(delta.reasoningContent())));
    }
    if (delta.content() != null && !delta.content().isEmpty()) {
      int index = open(Kind.TEXT, new ContentBlock.Text(""), out);
      out.add(new StreamEvent.ContentBlockDelta(index, new BlockDelta.TextDelta(delta.content())));
    }
    if (delta.toolCalls() != null) {
      for (ToolCall call : delta.toolCalls()) {
        toolCall(call, out);
      }
    }
  }

  private void toolCall(ToolCall call, List<StreamEvent> out) {
    int toolIndex = call.index() == null ? 0 : call.index();
    Integer block = blockByToolIndex.get(toolIndex);
    if (block == null) {
      closeOpenBlock(out);
      block = nextIndex++;
      blockByToolIndex.put(toolIndex, block);
      String name = call.function() == null ? null : call.function().name();
      out.add(
          new StreamEvent.ContentBlockStart(
              block, new ContentBlock.ToolUse(call.id(), name, WireJson.nodes().objectNode())));
      openKind = Kind.TOOL;
      openIndex = block;
    }
    String arguments = call.function() == null ? null : call.function().arguments();
    if (arguments != null && !arguments.isEmpty()) {
      out.add(new StreamEvent.ContentBlockDelta(block, new BlockDelta.InputJsonDelta(arguments)));
    }
  }

  private int open(Kind kind, ContentBlock initial, List<StreamEvent> out) {
    if (openKind == kind && kind != Kind.TOOL) {
      return openIndex;
    }
    closeOpenBlock(out);
    openKind = kind;
    openIndex = nextIndex++;
    out.add(new StreamEvent.ContentBlockStart(openIndex, initial));
    return openIndex;
  }

  private void closeOpenBlock(List<StreamEvent> out) {
    if (openKind != Kind.NONE) {
      out.add(new StreamEvent.ContentBlockStop(openIndex));
      openKind = Kind.NONE;
    }
  }

  private void end(List<StreamEvent> out) {
    stopped = true;
    out.add(
        new StreamEvent.MessageDelta(
            new StreamEvent.MessageDelta.Delta(
                stopReason == null ? "end_turn" : stopReason, null, null),
            OpenAiUsageMapper.toAnthropic(usage, null)));
    out.add(new StreamEvent.MessageStop());
  }
}
