package io.agw.model.config.mapping;

import com.google.auto.service.AutoService;
import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.resource.v1.HeaderModifier;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.util.List;

/**
 * A policy kind that exists only in the tests, registered the way every kind is and named by no
 * other file: {@code testStamp: {header, value}} on a route sets one request header. It proves that
 * a kind plugs in from its own file ({@code PolicyKindPlugInTest}).
 */
@AutoService(PolicyKindMapping.class)
public final class TestStampKind extends PolicyKindMapping<TestStampKind.TestStampYaml> {

  /** The kind's YAML value. */
  public record TestStampYaml(String header, String value) {}

  public TestStampKind() {
    super("testStamp", KindCase.REQUEST_HEADER_MODIFIER, PolicyBlock.ROUTE);
  }

  @Override
  void map(MappingContext ctx, String path, TestStampYaml yaml, List<PolicySpec> out) {
    if (ctx.require(path + ".header", yaml.header())
        && ctx.require(path + ".value", yaml.value())) {
      out.add(
          PolicySpec.newBuilder()
              .setRequestHeaderModifier(
                  HeaderModifier.newBuilder().putSet(yaml.header(), yaml.value()))
              .build());
    }
  }
}
