/**
 * Wire records of the AWS Bedrock Converse API (requests, responses, stream events) and of the
 * embedding models served through {@code InvokeModel}. Bedrock writes a union as an object with
 * exactly one member set ({@code {"text": ...}} or {@code {"toolUse": {...}}}); such unions are
 * records whose members are all nullable, written without nulls.
 */
package io.agw.gateway.llm.wire.bedrock;
