package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * Two stream mappers in a row ({@link StreamMapper#andThen}): the first reads the upstream and
 * decides completion and usage, the second turns each of its outputs into the client's events. One
 * instance per response; not thread-safe.
 */
final class ChainedStreamMapper<I, M, O> implements StreamMapper<I, O> {

  private final StreamMapper<I, M> first;
  private final StreamMapper<M, O> second;

  ChainedStreamMapper(StreamMapper<I, M> first, StreamMapper<M, O> second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public List<O> map(I event) {
    return then(first.map(event));
  }

  @Override
  public List<O> end() {
    List<O> out = then(first.end());
    out.addAll(second.end());
    return out;
  }

  @Override
  public List<O> finish() {
    List<O> out = then(first.finish());
    out.addAll(second.finish());
    return out;
  }

  @Override
  public boolean complete() {
    return first.complete();
  }

  @Override
  public TokenUsage usage() {
    return first.usage();
  }

  private List<O> then(List<M> middle) {
    List<O> out = new ArrayList<>();
    for (M m : middle) {
      out.addAll(second.map(m));
    }
    return out;
  }
}
