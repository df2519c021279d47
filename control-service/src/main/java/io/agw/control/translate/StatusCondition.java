package io.agw.control.translate;

/**
 * One status condition as the translator decides it; the reconciler adds the generation and the
 * transition time when it writes it.
 */
public record StatusCondition(String type, boolean status, String reason, String message) {

  static StatusCondition ok(String type, String reason, String message) {
    return new StatusCondition(type, true, reason, message);
  }

  static StatusCondition fail(String type, String reason, String message) {
    return new StatusCondition(type, false, reason, message);
  }
}
