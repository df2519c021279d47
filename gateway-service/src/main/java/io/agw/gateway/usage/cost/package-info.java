/**
 * The model catalog (agentgateway's {@code config.modelCatalog}: providers, models, rates per
 * million tokens and context-length tiers) and the cost of a call ({@link
 * io.agw.gateway.exchange.Cost}) priced from the usage its provider reported. Pure: no I/O on the
 * request path, no Spring.
 */
package io.agw.gateway.usage.cost;
