package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.TokenUsage;
import io.agw.gateway.llm.provider.StreamMapper;
import io.agw.gateway.llm.provider.openai.responses.ResponsesItems;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.bedrock.BedrockUsage;
import io.agw.gateway.llm.wire.bedrock.ConverseStreamEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a ConverseStream into OpenAI Responses stream events ({@code response.created}, output
 * items with their parts and deltas, {@code response.completed} with the whole output and the
 * usage), one upstream event at a time. Each Converse block is one output item: text a {@code
 * message}, reasoning a {@code reasoning} item with a summary, a tool call a {@code function_call}.
 * Every event carries its {@code sequence_number}.
 *
 * <p>Lifecycle: one instance per response; {@link #map} per event in order, then {@link #finish()}.
 * Not thread-safe.
 */
public final class BedrockResponsesStreamMapper
    implements StreamMapper<ConverseStreamEvent, ObjectNode> {

  private final String model;
  private final String id = "resp_" + UUID.randomUUID().toString().replace("-", "");
  private final long created;
  private final List<ObjectNode> output = new ArrayList<>();
  private final Map<Integer, Open> open = new HashMap<>();
  private int sequence;
  private BedrockUsage usage;
  private String stopReason;
  private boolean stopped;
  private boolean ended;

  /** An output item being streamed, with what it accumulated. */
  private static final class Open {
    final ObjectNode item;
    final int outputIndex;
    final StringBuilder text = new StringBuilder();

    Open(ObjectNode item, int outputIndex) {
      this.item = item;
      this.outputIndex = outputIndex;
    }

    String type() {
      return item.path("type").asString();
    }

    String id() {
      return item.path("id").asString();
    }
  }

  public BedrockResponsesStreamMapper(String model) {
    this(model, Clock.systemUTC());
  }

  public BedrockResponsesStreamMapper(String model, Clock clock) {
    this.model = model;
    this.created = clock.instant().getEpochSecond();
  }

  /**
   * The events for one upstream event.
   *
   * @throws StreamErrorException for an exception frame
   */
  @Override
  public List<ObjectNode> map(ConverseStreamEvent event) {
    List<ObjectNode> out = new ArrayList<>();
    if (event instanceof ConverseStreamEvent.MessageStart) {
      ObjectNode e = event("response.created");
      e.set("response", response("in_progress"));
      out.add(e);
    } else if (event instanceof ConverseStreamEvent.ContentBlockStart e) {
      if (e.start() != null && e.start().toolUse() != null) {
        var tool = e.start().toolUse();
        begin(
            e.contentBlockIndex(),
            ResponsesItems.functionCall(tool.toolUseId(), tool.name(), "", "in_progress"),
            out);
      }
    } else if (event instanceof ConverseStreamEvent.ContentBlockDelta e) {
      delta(e.contentBlockIndex(), e.delta(), out);
    } else if (event instanceof ConverseStreamEvent.ContentBlockStop e) {
      close(e.contentBlockIndex(), out);
    } else if (event instanceof ConverseStreamEvent.MessageStop e) {
      stopReason = e.stopReason();
      stopped = true;
      for (Integer index : new ArrayList<>(open.keySet())) {
        close(index, out);
      }
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
  public List<ObjectNode> finish() {
    List<ObjectNode> out = new ArrayList<>();
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

  private void delta(int index, ConverseStreamEvent.Delta delta, List<ObjectNode> out) {
    if (delta == null) {
      return;
    }
    Open item = open.get(index);
    if (delta.text() != null) {
      if (item == null) {
        item = begin(index, ResponsesItems.messageItem("in_progress"), out);
        ObjectNode added = itemEvent("response.content_part.added", item);
        added.put("content_index", 0);
        added.set("part", ResponsesItems.outputText(""));
        out.add(added);
      }
      item.text.append(delta.text());
      ObjectNode e = itemEvent("response.output_text.delta", item);
      e.put("content_index", 0).put("delta", delta.text());
      out.add(e);
    } else if (delta.reasoningContent() != null && delta.reasoningContent().text() != null) {
      if (item == null) {
        item = begin(index, ResponsesItems.reasoningItem(null), out);
        ObjectNode added = itemEvent("response.reasoning_summary_part.added", item);
        added.put("summary_index", 0);
        added.putObject("part").put("type", "summary_text").put("text", "");
        out.add(added);
      }
      item.text.append(delta.reasoningContent().text());
      ObjectNode e = itemEvent("response.reasoning_summary_text.delta", item);
      e.put("summary_index", 0).put("delta", delta.reasoningContent().text());
      out.add(e);
    } else if (delta.toolUse() != null && item != null && item.type().equals("function_call")) {
      item.text.append(delta.toolUse().input());
      ObjectNode e = itemEvent("response.function_call_arguments.delta", item);
      e.put("delta", delta.toolUse().input());
      out.add(e);
    }
  }

  private Open begin(int index, ObjectNode item, List<ObjectNode> out) {
    // Converse blocks come one after another: a new block ends the ones before it, even when
    // their contentBlockStop never came.
    for (Integer earlier : new ArrayList<>(open.keySet())) {
      if (earlier < index) {
        close(earlier, out);
      }
    }
    Open o = new Open(item, output.size() + open.size());
    open.put(index, o);
    ObjectNode e = event("response.output_item.added");
    e.put("output_index", o.outputIndex);
    e.set("item", item.deepCopy());
    out.add(e);
    return o;
  }

  private void close(int index, List<ObjectNode> out) {
    Open o = open.remove(index);
    if (o == null) {
      return;
    }
    String text = o.text.toString();
    ObjectNode item = o.item;
    switch (o.type()) {
      case "message" -> {
        ObjectNode done = itemEvent("response.output_text.done", o);
        done.put("content_index", 0).put("text", text);
        out.add(done);
        ObjectNode part = itemEvent("response.content_part.done", o);
        part.put("content_index", 0);
        part.set("part", ResponsesItems.outputText(text));
        out.add(part);
        ((ArrayNode) item.get("content")).add(ResponsesItems.outputText(text));
        item.put("status", "completed");
      }
      case "reasoning" -> {
        ObjectNode done = itemEvent("response.reasoning_summary_text.done", o);
        done.put("summary_index", 0).put("text", text);
        out.add(done);
        ObjectNode part = itemEvent("response.reasoning_summary_part.done", o);
        part.put("summary_index", 0);
        part.putObject("part").put("type", "summary_text").put("text", text);
        out.add(part);
        ((ArrayNode) item.get("summary")).addObject().put("type", "summary_text").put("text", text);
      }
      default -> {
        String arguments = text.isEmpty() ? "{}" : text;
        ObjectNode done = itemEvent("response.function_call_arguments.done", o);
        done.put("arguments", arguments).put("name", item.path("name").asString());
        out.add(done);
        item.put("arguments", arguments).put("status", "completed");
      }
    }
    ObjectNode done = event("response.output_item.done");
    done.put("output_index", o.outputIndex);
    done.set("item", item);
    out.add(done);
    output.add(item);
  }

  private void end(List<ObjectNode> out) {
    if (ended) {
      return;
    }
    ended = true;
    for (Integer index : new ArrayList<>(open.keySet())) {
      close(index, out);
    }
    boolean truncated = "max_tokens".equals(stopReason);
    ObjectNode response = response(truncated ? "incomplete" : "completed");
    ArrayNode items = response.putArray("output");
    output.forEach(items::add);
    if (usage != null) {
      response.set("usage", BedrockResponsesMapper.usage(usage));
    }
    ObjectNode e = event(truncated ? "response.incomplete" : "response.completed");
    e.set("response", response);
    out.add(e);
  }

  private ObjectNode response(String status) {
    ObjectNode r = WireJson.nodes().objectNode();
    r.put("id", id).put("object", "response").put("created_at", created).put("model", model);
    r.put("status", status);
    r.putArray("output");
    return r;
  }

  private ObjectNode event(String type) {
    return WireJson.nodes().objectNode().put("type", type).put("sequence_number", ++sequence);
  }

  private ObjectNode itemEvent(String type, Open item) {
    return event(type).put("item_id", item.id()).put("output_index", item.outputIndex);
  }
}
