/**
 * The limits every JSON body a client (or an upstream) sends is read under: nesting depth, number
 * and string lengths. The lowest layer of the gateway: it imports nothing of ours, so every feature
 * that parses JSON (the LLM wire types, MCP, A2A, CEL's {@code json()}) can use it.
 */
package io.agw.gateway.json;
