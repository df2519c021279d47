package io.agw.gateway.usage.store;

import io.agw.gateway.admin.api.AdminApiException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The half-open range {@code [from, to)} of a usage API query and the time zone its dates and
 * buckets are in, from the query parameters {@code from}, {@code to} (ISO-8601 instants, or dates
 * meaning midnight in the zone) and {@code timeZone} (default UTC).
 */
record TimeRange(Instant from, Instant to, ZoneId zone) {

  /**
   * The range {@code request} asks for; {@code to} defaults to now and {@code from} to {@code
   * defaultLength} before {@code to}.
   *
   * @throws AdminApiException (400) naming the parameter that is wrong
   */
  static TimeRange of(ServerRequest request, Clock clock, Duration defaultLength) {
    ZoneId zone;
    try {
      zone = request.queryParam("timeZone").map(ZoneId::of).orElse(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw AdminApiException.invalid(
          "timeZone", "is not a time zone (use e.g. UTC or Europe/Paris)");
    }
    Instant to = instant(request, "to", zone).orElseGet(clock::instant);
    Instant from = instant(request, "from", zone).orElse(to.minus(defaultLength));
    if (!from.isBefore(to)) {
      throw AdminApiException.invalid("from", "must be before 'to'");
    }
    return new TimeRange(from, to, zone);
  }

  private static Optional<Instant> instant(ServerRequest request, String name, ZoneId zone) {
    Optional<String> value = request.queryParam(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    try {
      if (text.length() == 10) {
        return Optional.of(LocalDate.parse(text).atStartOfDay(zone).toInstant());
      }
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeException e) {
      throw AdminApiException.invalid(
          name, "is not an ISO-8601 time (2026-12-07T00:00:00Z) or date (2026-12-07)");
    }
  }
}
