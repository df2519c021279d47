package io.agw.gateway.usage.budget;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API's JSON form of a budget: {@code scope}, {@code subject}, {@code unit}, {@code
 * amount} (USD as a decimal number, or tokens), {@code window}, {@code timeZone} and {@code mode}.
 * Reads a create or a partial update with checks that name the field at fault, and writes a budget
 * back. Pure.
 */
final class BudgetRequest {

  /** A request the API refuses with 400, naming {@link #field()}. */
  static final class Invalid extends RuntimeException {
    private final String field;

    Invalid(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  private BudgetRequest() {}

  /** A new budget from a create request; {@code unit} defaults to usd, window to monthly. */
  static Budget create(String id, JsonNode body) {
    requireObject(body);
    return apply(
        new Budget(
            id,
            BudgetScope.KEY,
            "",
            BudgetUnit.USD,
            0,
            BudgetWindow.MONTHLY,
            ZoneId.of("UTC"),
            BudgetMode.HARD),
        body,
        true);
  }

  /** {@code current} with the fields {@code body} sets. */
  static Budget update(Budget current, JsonNode body) {
    requireObject(body);
    if (body.has("id") && !body.path("id").asString("").equals(current.id())) {
      throw new Invalid("id", "cannot be changed");
    }
    return apply(current, body, false);
  }

  private static Budget apply(Budget b, JsonNode body, boolean create) {
    BudgetScope scope = b.scope();
    String subject = b.subject();
    BudgetUnit unit = b.unit();
    BudgetWindow window = b.window();
    ZoneId zone = b.timeZone();
    BudgetMode mode = b.mode();
    if (create || body.has("scope")) {
      scope = parse("scope", body, create, BudgetScope::of);
    }
    if (create || body.has("subject")) {
      subject = text("subject", body, true);
      if (subject.isBlank()) {
        throw new Invalid("subject", "must not be empty");
      }
    }
    if (body.has("unit")) {
      unit = parse("unit", body, false, BudgetUnit::of);
    }
    if (body.has("window")) {
      window = parse("window", body, false, BudgetWindow::of);
    }
    if (body.has("timeZone")) {
      String name = text("timeZone", body, false);
      try {
        zone = ZoneId.of(name);
      } catch (DateTimeException e) {
        throw new Invalid("timeZone", "unknown time zone '" + name + "'");
      }
    }
    if (body.has("mode")) {
      mode = parse("mode", body, false, BudgetMode::of);
    }
    long amount = b.amount();
    if (create || body.has("amount") || unit != b.unit()) {
      if (!create && !body.has("amount")) {
        throw new Invalid("amount", "is required when the unit changes");
      }
      amount = amount(body.get("amount"), unit);
    }
    return new Budget(b.id(), scope, subject, unit, amount, window, zone, mode);
  }

  private static long amount(JsonNode node, BudgetUnit unit) {
    if (node == null || node.isNull()) {
      throw new Invalid("amount", "is required");
    }
    if (!node.isNumber()) {
      throw new Invalid("amount", "must be a number");
    }
    double value = node.asDouble();
    if (value < 0 || Double.isNaN(value)) {
      throw new Invalid("amount", "must not be negative");
    }
    if (unit == BudgetUnit.TOKENS) {
      if (!node.isIntegralNumber()) {
        throw new Invalid("amount", "must be a whole number of tokens");
      }
      return node.asLong();
    }
    if (value > Long.MAX_VALUE / 1e6) {
      throw new Invalid("amount", "is too large");
    }
    return Math.round(value * 1e6);
  }

  private static String text(String field, JsonNode body, boolean required) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new Invalid(field, "is required");
      }
      return "";
    }
    if (!node.isString()) {
      throw new Invalid(field, "must be a string");
    }
    return node.asString();
  }

  private interface Parser<T> {
    T parse(String name);
  }

  private static <T> T parse(String field, JsonNode body, boolean required, Parser<T> parser) {
    String value = text(field, body, required).toLowerCase(Locale.ROOT);
    try {
      return parser.parse(value);
    } catch (IllegalArgumentException e) {
      throw new Invalid(field, e.getMessage());
    }
  }

  private static void requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new Invalid("body", "must be a JSON object");
    }
  }

  /** The JSON form of {@code b}. */
  static ObjectNode json(Budget b) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", b.id());
    node.put("scope", b.scope().wireName());
    node.put("subject", b.subject());
    node.put("unit", b.unit().wireName());
    if (b.unit() == BudgetUnit.USD) {
      node.put("amount", units(b, b.amount()));
    } else {
      node.put("amount", b.amount());
    }
    node.put("window", b.window().wireName());
    node.put("timeZone", b.timeZone().getId());
    node.put("mode", b.mode().wireName());
    return node;
  }

  /** {@code value} in the budget's unit for JSON: USD as a decimal, tokens as they are. */
  static double units(Budget b, long value) {
    return b.unit() == BudgetUnit.USD ? value / 1e6 : value;
  }
}
