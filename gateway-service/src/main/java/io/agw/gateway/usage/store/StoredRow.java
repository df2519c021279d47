package io.agw.gateway.usage.store;

/** A row the {@link UsageRecorder} writes off the request path: a usage record or a decision. */
sealed interface StoredRow permits UsageRecord, GuardDecisionRow {}
