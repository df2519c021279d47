/**
 * The provider registry: {@code ProviderKind} maps each kind of the {@code AiProvider} resource to
 * its adapter; {@code Translations} gives a dialect's translations. Imported by the request steps
 * (and tests) only, never by a provider.
 */
package io.agw.gateway.llm.registry;
