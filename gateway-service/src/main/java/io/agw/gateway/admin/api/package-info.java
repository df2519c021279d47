/**
 * The admin REST API under {@code /api/v1/} on the admin port: its authentication (static token or
 * JWT with a role), its JSON errors, and its OpenAPI description. Features add their routes as
 * {@code RouterFunction} beans.
 */
package io.agw.gateway.admin.api;
