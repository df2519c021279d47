package io.agw.gateway.mcp.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.mcp.openapi.OpenApiRequestMapper.InvalidArgumentsException;
import io.agw.gateway.mcp.openapi.ParameterBinding.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiRequestMapperTest {

  private static final String BASE = "/api/v1";

  @Test
  void pathParametersAreSubstitutedEncodedAndQueryFollowsItsStyle() {
    HttpCall call =
        OpenApiRequestMapper.request(
            PetStore.tool("getPet"),
            Map.of("petId", "a b/ç?", "fields", List.of("name", "tag")),
            BASE);
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.pathAndQuery()).isEqualTo("/api/v1/pets/a%20b%2F%C3%A7%3F?fields=name,tag");
    assertThat(call.headers()).isEmpty();
    assertThat(call.body()).isNull();
    assertThat(call.contentType()).isNull();
  }

  @Test
  void explodedArraysRepeatTheKeyNumbersLoseNoDigitsAndHeadersAreSent() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("limit", 5.0);
    args.put("tag", List.of("dog", "good boy"));
    args.put("X-Request-Id", "r-1");
    args.put("notDeclared", "ignored");
    HttpCall call = OpenApiRequestMapper.request(PetStore.tool("listPets"), args, BASE);
    assertThat(call.pathAndQuery()).isEqualTo("/api/v1/pets?limit=5&tag=dog&tag=good%20boy");
    assertThat(call.headers()).containsExactly(Map.entry("X-Request-Id", "r-1"));
  }

  @Test
  void absentOptionalArgumentsLeaveNoTrace() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("limit", null);
    HttpCall call = OpenApiRequestMapper.request(PetStore.tool("listPets"), args, "");
    assertThat(call.pathAndQuery()).isEqualTo("/pets");
    assertThat(call.headers()).isEmpty();
  }

  @Test
  void jsonBodyIsTheBodyArgumentWithHeaderParameters() {
    Map<String, Object> pet = new LinkedHashMap<>();
    pet.put("name", "Rex");
    pet.put("tag", null);
    HttpCall call =
        OpenApiRequestMapper.request(
            PetStore.tool("createPet"), Map.of("X-Tenant", "t1", "body", pet), BASE);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.pathAndQuery()).isEqualTo("/api/v1/pets");
    assertThat(call.headers()).containsExactly(Map.entry("X-Tenant", "t1"));
    assertThat(call.contentType()).isEqualTo("application/json");
    assertThat(call.body()).isEqualTo("{\"name\":\"Rex\",\"tag\":null}");
  }

  @Test
  void missingRequiredArgumentsAreRefusedByName() {
    assertThatThrownBy(
            () ->
                OpenApiRequestMapper.request(
                    PetStore.tool("createPet"), Map.of("body", Map.of("name", "Rex")), BASE))
        .isInstanceOf(InvalidArgumentsException.class)
        .hasMessage("the argument 'X-Tenant' is required");
    assertThatThrownBy(
            () ->
                OpenApiRequestMapper.request(
                    PetStore.tool("createPet"), Map.of("X-Tenant", "t1"), BASE))
        .hasMessage("the argument 'body' is required");
    assertThatThrownBy(() -> OpenApiRequestMapper.request(PetStore.tool("getPet"), null, BASE))
        .hasMessage("the argument 'petId' is required");
  }

  @Test
  void dotSegmentsAndHeaderLineBreaksAreRefused() {
    assertThatThrownBy(
            () ->
                OpenApiRequestMapper.request(PetStore.tool("getPet"), Map.of("petId", ".."), BASE))
        .isInstanceOf(InvalidArgumentsException.class)
        .hasMessage("the argument 'petId' cannot be '..'");
    assertThat(
            OpenApiRequestMapper.request(PetStore.tool("getPet"), Map.of("petId", "../x"), BASE)
                .pathAndQuery())
        .isEqualTo("/api/v1/pets/..%2Fx");
    assertThatThrownBy(
            () ->
                OpenApiRequestMapper.request(
                    PetStore.tool("listPets"), Map.of("X-Request-Id", "r\r\nX-Admin: yes"), BASE))
        .isInstanceOf(InvalidArgumentsException.class)
        .hasMessage("the argument 'X-Request-Id' cannot contain line breaks");
  }

  @Test
  void aParameterNamedBodyKeepsItsNameOnTheWire() {
    HttpCall call =
        OpenApiRequestMapper.request(
            PetStore.tool("delete_pets_petId"),
            Map.of("petId", 7, "query_body", true, "body", Map.of("reason", "adopted")),
            BASE);
    assertThat(call.method()).isEqualTo("DELETE");
    assertThat(call.pathAndQuery()).isEqualTo("/api/v1/pets/7?body=true");
    assertThat(call.body()).isEqualTo("{\"reason\":\"adopted\"}");
  }

  @Test
  void textBodyIsSentAsIs() {
    HttpCall call =
        OpenApiRequestMapper.request(
            PetStore.tool("getPet_2"), Map.of("petId", "1", "body", "likes sticks"), BASE);
    assertThat(call.pathAndQuery()).isEqualTo("/api/v1/pets/1/notes");
    assertThat(call.contentType()).isEqualTo("text/plain");
    assertThat(call.body()).isEqualTo("likes sticks");
  }

  @Test
  void objectStylesAndDelimitedArrays() {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("color", "brown & white");
    filter.put("age", 3);
    assertThat(ParameterEncoder.queryPairs(query("f", "deepObject", true), filter))
        .containsExactly("f%5Bcolor%5D=brown%20%26%20white", "f%5Bage%5D=3");
    assertThat(ParameterEncoder.queryPairs(query("f", "form", true), filter))
        .containsExactly("color=brown%20%26%20white", "age=3");
    assertThat(ParameterEncoder.queryPairs(query("f", "form", false), filter))
        .containsExactly("f=color,brown%20%26%20white,age,3");
    assertThat(ParameterEncoder.queryPairs(query("ids", "pipeDelimited", false), List.of(1, 2)))
        .containsExactly("ids=1%7C2");
    ParameterBinding path = new ParameterBinding("p", Location.PATH, "p", "simple", true, true);
    assertThat(ParameterEncoder.pathValue(path, filter))
        .isEqualTo("color=brown%20%26%20white,age=3");
    ParameterBinding header =
        new ParameterBinding("h", Location.HEADER, "h", "simple", false, false);
    assertThat(ParameterEncoder.headerValue(header, List.of("a", "b c"))).isEqualTo("a,b c");
  }

  @Test
  void formBodiesAreFormEncoded() {
    ToolBinding tool =
        new ToolBinding(
            PetStore.tool("createPet").tool(),
            "POST",
            "/login",
            List.of(),
            new BodyBinding(OpenApiMediaTypes.FORM, true));
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("user", "a b");
    form.put("remember", true);
    HttpCall call = OpenApiRequestMapper.request(tool, Map.of("body", form), "");
    assertThat(call.body()).isEqualTo("user=a+b&remember=true");
    assertThat(call.contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThatThrownBy(() -> OpenApiRequestMapper.request(tool, Map.of("body", "x"), ""))
        .isInstanceOf(InvalidArgumentsException.class);
  }

  private static ParameterBinding query(String name, String style, boolean explode) {
    return new ParameterBinding(name, Location.QUERY, name, style, explode, false);
  }
}
