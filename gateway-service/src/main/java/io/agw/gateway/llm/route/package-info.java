/**
 * Wiring of an {@code ai} route: {@code LlmRoutes} builds the filter chain of each route (request,
 * local answers, dispatch, response) and {@code LlmConfiguration} the beans it needs. Imports every
 * request step; nothing imports it but Spring.
 */
package io.agw.gateway.llm.route;
