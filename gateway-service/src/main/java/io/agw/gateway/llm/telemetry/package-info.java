/**
 * GenAI metrics of LLM calls: token usage, time to first token and duration ({@code LlmMetrics}),
 * failovers and ejections ({@code LlmChoiceMetrics}).
 */
package io.agw.gateway.llm.telemetry;
