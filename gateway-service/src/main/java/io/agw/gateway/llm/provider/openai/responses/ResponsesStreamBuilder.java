package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.llm.wire.openai.ResponseContent;
import io.agw.gateway.llm.wire.openai.ResponseItem;
import io.agw.gateway.llm.wire.openai.ResponseUsage;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the events of a Responses stream for a provider that streams another dialect (chat
 * completion chunks, ConverseStream): the provider's stream mapper says what happens (an item
 * opens, text arrives, an item closes, the answer ends) and this writes the events OpenAI sends for
 * it, in OpenAI's order, with the {@code sequence_number}, the item ids and the output indexes.
 *
 * <ul>
 *   <li>{@link #start}: {@code response.created} with the response {@code in_progress}, once.
 *   <li>{@link #openMessage}, {@link #openReasoning}, {@link #openFunctionCall}: {@code
 *       response.output_item.added} (and for a message its {@code content_part.added}, for
 *       reasoning its {@code reasoning_summary_part.added}); each item's {@code output_index} is
 *       the number of items opened before it.
 *   <li>{@link #textDelta}, {@link #summaryDelta}, {@link #argumentsDelta}: the delta events; the
 *       item accumulates the text.
 *   <li>{@link #close}: the {@code *.done} events of the item's part, then {@code
 *       response.output_item.done} with the complete item; a function call with no arguments gets
 *       {@code {}}.
 *   <li>{@link #complete}: {@code response.completed} ({@code response.incomplete} when truncated)
 *       with every closed item and the usage, once.
 * </ul>
 *
 * <p>Lifecycle: one instance per response, driven by one stream mapper. Not thread-safe.
 */
public final class ResponsesStreamBuilder {

  private final String model;
  private final String id = ResponsesItems.id("resp");
  private final long created;
  private final List<ResponseItem> output = new ArrayList<>();
  private int opened;
  private int sequence;
  private boolean started;
  private ResponsesResponse last;

  /** An output item between its {@code added} and {@code done} events. */
  public static final class OpenItem {
    private enum Kind {
      MESSAGE,
      REASONING,
      FUNCTION_CALL
    }

    private final Kind kind;
    private final String id;
    private final int outputIndex;
    private final String callId;
    private final String name;
    private final StringBuilder text = new StringBuilder();

    private OpenItem(Kind kind, String id, int outputIndex, String callId, String name) {
      this.kind = kind;
      this.id = id;
      this.outputIndex = outputIndex;
      this.callId = callId;
      this.name = name;
    }

    /** Whether this is a {@code function_call} item. */
    public boolean isFunctionCall() {
      return kind == Kind.FUNCTION_CALL;
    }
  }

  /**
   * @param model the model the response names
   * @param clock stamps {@code created_at}
   */
  public ResponsesStreamBuilder(String model, Clock clock) {
    this.model = model;
    this.created = clock.instant().getEpochSecond();
  }

  /** {@code response.created}, unless already sent. */
  public void start(List<ResponsesStreamEvent> out) {
    if (!started) {
      started = true;
      out.add(
          new ResponsesStreamEvent.Lifecycle(
              ResponsesStreamEvent.CREATED,
              ++sequence,
              response(ResponsesItems.IN_PROGRESS, null)));
    }
  }

  /** Opens an assistant message with one empty {@code output_text} part. */
  public OpenItem openMessage(List<ResponsesStreamEvent> out) {
    OpenItem item = open(OpenItem.Kind.MESSAGE, "msg", null, null);
    added(ResponsesItems.message(item.id, ResponsesItems.IN_PROGRESS, List.of()), item, out);
    out.add(
        new ResponsesStreamEvent.ContentPart(
            ResponsesStreamEvent.PART_ADDED,
            ++sequence,
            item.id,
            item.outputIndex,
            0,
            new ResponseContent.OutputText("")));
    return item;
  }

  /** Opens a reasoning item with one empty summary part. */
  public OpenItem openReasoning(List<ResponsesStreamEvent> out) {
    OpenItem item = open(OpenItem.Kind.REASONING, "rs", null, null);
    added(ResponsesItems.reasoning(item.id, null), item, out);
    out.add(
        new ResponsesStreamEvent.SummaryPart(
            ResponsesStreamEvent.SUMMARY_PART_ADDED,
            ++sequence,
            item.id,
            item.outputIndex,
            0,
            new ResponseItem.SummaryText("")));
    return item;
  }

  /** Opens a function call whose arguments will follow. */
  public OpenItem openFunctionCall(String callId, String name, List<ResponsesStreamEvent> out) {
    OpenItem item = open(OpenItem.Kind.FUNCTION_CALL, "fc", callId, name);
    added(
        ResponsesItems.functionCall(item.id, callId, name, "", ResponsesItems.IN_PROGRESS),
        item,
        out);
    return item;
  }

  /** Appends answer text to {@code item}. */
  public void textDelta(OpenItem item, String delta, List<ResponsesStreamEvent> out) {
    item.text.append(delta);
    out.add(
        new ResponsesStreamEvent.OutputTextDelta(++sequence, item.id, item.outputIndex, 0, delta));
  }

  /** Appends reasoning summary text to {@code item}. */
  public void summaryDelta(OpenItem item, String delta, List<ResponsesStreamEvent> out) {
    item.text.append(delta);
    out.add(
        new ResponsesStreamEvent.SummaryTextDelta(++sequence, item.id, item.outputIndex, 0, delta));
  }

  /** Appends a fragment of a function call's arguments to {@code item}. */
  public void argumentsDelta(OpenItem item, String delta, List<ResponsesStreamEvent> out) {
    item.text.append(delta);
    out.add(new ResponsesStreamEvent.ArgumentsDelta(++sequence, item.id, item.outputIndex, delta));
  }

  /** Closes {@code item}: its {@code done} events, and it joins the final output. */
  public void close(OpenItem item, List<ResponsesStreamEvent> out) {
    String text = item.text.toString();
    ResponseItem done =
        switch (item.kind) {
          case MESSAGE -> {
            out.add(
                new ResponsesStreamEvent.OutputTextDone(
                    ++sequence, item.id, item.outputIndex, 0, text));
            out.add(
                new ResponsesStreamEvent.ContentPart(
                    ResponsesStreamEvent.PART_DONE,
                    ++sequence,
                    item.id,
                    item.outputIndex,
                    0,
                    new ResponseContent.OutputText(text)));
            yield ResponsesItems.message(
                item.id, ResponsesItems.COMPLETED, List.of(new ResponseContent.OutputText(text)));
          }
          case REASONING -> {
            out.add(
                new ResponsesStreamEvent.SummaryTextDone(
                    ++sequence, item.id, item.outputIndex, 0, text));
            out.add(
                new ResponsesStreamEvent.SummaryPart(
                    ResponsesStreamEvent.SUMMARY_PART_DONE,
                    ++sequence,
                    item.id,
                    item.outputIndex,
                    0,
                    new ResponseItem.SummaryText(text)));
            yield ResponsesItems.reasoning(item.id, text);
          }
          case FUNCTION_CALL -> {
            String arguments = text.isEmpty() ? "{}" : text;
            out.add(
                new ResponsesStreamEvent.ArgumentsDone(
                    ++sequence, item.id, item.outputIndex, arguments, item.name));
            yield ResponsesItems.functionCall(
                item.id, item.callId, item.name, arguments, ResponsesItems.COMPLETED);
          }
        };
    out.add(
        new ResponsesStreamEvent.OutputItem(
            ResponsesStreamEvent.ITEM_DONE, ++sequence, item.outputIndex, done));
    output.add(done);
  }

  /**
   * {@code response.completed}, or {@code response.incomplete} when {@code truncated}, with the
   * closed items and {@code usage} (none when null), unless already sent. Close the open items
   * first.
   */
  public void complete(boolean truncated, ResponseUsage usage, List<ResponsesStreamEvent> out) {
    if (last != null) {
      return;
    }
    last =
        response(
            truncated ? ResponsesItems.INCOMPLETE : ResponsesItems.COMPLETED,
            usage,
            List.copyOf(output));
    out.add(
        new ResponsesStreamEvent.Lifecycle(
            truncated ? ResponsesStreamEvent.INCOMPLETE : ResponsesStreamEvent.COMPLETED,
            ++sequence,
            last));
  }

  /** The final response object once {@link #complete} ran; null before. */
  public ResponsesResponse finalResponse() {
    return last;
  }

  private OpenItem open(OpenItem.Kind kind, String prefix, String callId, String name) {
    return new OpenItem(kind, ResponsesItems.id(prefix), opened++, callId, name);
  }

  private void added(ResponseItem item, OpenItem open, List<ResponsesStreamEvent> out) {
    out.add(
        new ResponsesStreamEvent.OutputItem(
            ResponsesStreamEvent.ITEM_ADDED, ++sequence, open.outputIndex, item));
  }

  private ResponsesResponse response(String status, ResponseUsage usage) {
    return response(status, usage, List.of());
  }

  private ResponsesResponse response(String status, ResponseUsage usage, List<ResponseItem> items) {
    return new ResponsesResponse(
        id, ResponsesResponse.OBJECT, created, model, status, null, items, usage, null);
  }
}
