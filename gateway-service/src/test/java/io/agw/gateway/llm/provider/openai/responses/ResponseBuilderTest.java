package io.agw.gateway.llm.provider.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.wire.openai.ResponseContent;
import io.agw.gateway.llm.wire.openai.ResponseItem;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import org.junit.jupiter.api.Test;

/** The order and status of a Responses object built from another dialect's answer. */
class ResponseBuilderTest {

  @Test
  void reasoningComesFirstThenOneMessageWithEveryTextThenTheCalls() {
    ResponsesResponse response =
        new ResponseBuilder()
            .text("One.")
            .functionCall("call_1", "f", "{}")
            .reasoning("Why")
            .text("Two.")
            .build("m", 1700000000L);

    assertThat(response.output())
        .extracting(ResponseItem::type)
        .containsExactly("reasoning", "message", "function_call");
    assertThat(((ResponseItem.Message) response.output().get(1)).content())
        .containsExactly(
            new ResponseContent.OutputText("One."), new ResponseContent.OutputText("Two."));
    assertThat(response.status()).isEqualTo("completed");
    assertThat(response.incompleteDetails()).isNull();
    assertThat(response.object()).isEqualTo("response");
    assertThat(response.id()).startsWith("resp_");
  }

  @Test
  void aTruncatedAnswerIsIncompleteForTheTokenLimitAndNoTextMeansNoMessage() {
    ResponsesResponse response =
        new ResponseBuilder().functionCall("call_1", "f", "{}").truncated(true).build("m", 1L);

    assertThat(response.output()).extracting(ResponseItem::type).containsExactly("function_call");
    assertThat(response.status()).isEqualTo("incomplete");
    assertThat(response.incompleteDetails().reason()).isEqualTo("max_output_tokens");
  }
}
