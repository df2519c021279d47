/**
 * The admin API the operator's UI reads and writes: {@code GET /api/v1/overview} (listeners,
 * routes, backends with their health, the last reload and the last refused configuration) and
 * {@code /api/v1/config} (the live document with secrets redacted, validation, and writes per
 * {@code config.storage.mode}).
 */
package io.agw.gateway.admin.ui;
