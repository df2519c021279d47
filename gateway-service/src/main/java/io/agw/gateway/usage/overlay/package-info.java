/**
 * The configuration overlay of {@code config.storage.mode: hybrid}, kept in the usage store's
 * database (table {@code config_overlay}) so that every replica on a shared PostgreSQL runs it.
 */
package io.agw.gateway.usage.overlay;
