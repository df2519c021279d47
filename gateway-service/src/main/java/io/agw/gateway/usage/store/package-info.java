/**
 * The usage store: one JDBC database (SQLite embedded by default, PostgreSQL shared by replicas)
 * whose schema Flyway migrates at startup ({@code db/usage/<dialect>} on the classpath).
 */
package io.agw.gateway.usage.store;
