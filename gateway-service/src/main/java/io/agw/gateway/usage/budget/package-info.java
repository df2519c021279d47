/**
 * Budgets that hold: limits on spend (USD or tokens) per API key, team, user and route, per
 * calendar window or for a lifetime. Every LLM call reserves its worst case before it is sent and
 * settles to its real cost after; reservations draw, in memory, from leases that each replica takes
 * from the usage database with one conditional update, so replicas sharing PostgreSQL hold one
 * budget without a database round trip per request.
 */
package io.agw.gateway.usage.budget;
