package io.agw.gateway.usage.store;

/**
 * Which usage records {@code GET /api/v1/usage/records} lists.
 *
 * @param limit the page size
 * @param order newest first or slowest first; ties broken by id, descending
 * @param failed only records with a status of 400 or more, or an error
 * @param before the page ends before this position of the order, or null for the first page
 */
record RecordQuery(int limit, Order order, boolean failed, Cursor before) {

  /** The order of a listing and the column its cursor holds. */
  enum Order {
    /** Newest first (by {@code ts}). */
    TIME,
    /** Slowest first (by {@code latency_ms}). */
    LATENCY;

    /** The cursor after {@code last}, as the API's {@code next}: {@code <value>_<id>}. */
    String cursorOf(UsageRecord last) {
      String value =
          this == TIME
              ? Long.toString(last.time().toEpochMilli())
              : Double.toString(last.latencyMs());
      return value + "_" + last.id();
    }
  }

  /**
   * A position in an order: the sort column's value (epoch milliseconds or a latency) and the id.
   */
  record Cursor(Object value, String id) {

    /** The cursor {@code text} of {@code order}, or null when it is not one. */
    static Cursor parse(Order order, String text) {
      String[] parts = text.split("_", 2);
      String id = parts.length > 1 ? parts[1] : "";
      try {
        return switch (order) {
          case TIME -> new Cursor(Long.parseLong(parts[0]), id);
          case LATENCY -> {
            double latency = Double.parseDouble(parts[0]);
            yield Double.isFinite(latency) ? new Cursor(latency, id) : null;
          }
        };
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
