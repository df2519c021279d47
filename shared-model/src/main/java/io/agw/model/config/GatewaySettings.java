package io.agw.model.config;

import io.agw.model.cel.CelCustomFunctions;
import java.util.Objects;

/**
 * Settings from the file's top-level {@code config} block (and the file-wide {@code
 * frontendPolicies}) that are not resources.
 *
 * @param gateway the gateway name ({@code config.gateway}), or null when absent
 * @param namespace the namespace ({@code config.namespace}), or null when absent
 * @param database the primary database ({@code config.database}), or null when absent
 * @param logDatabase the request log store ({@code config.logging.database}), or null when absent
 * @param llmLogging what the usage store keeps of an LLM call ({@code
 *     frontendPolicies.accessLog.database.llm}), {@link DatabaseLlmMode#METADATA} when absent
 * @param storage where configuration written through the admin API goes ({@code
 *     config.storage.mode}), {@link StorageMode#FILE} when absent
 * @param customFunctions the CEL functions of {@code config.customFunctions}, {@link
 *     CelCustomFunctions#NONE} when absent
 * @param sessionKey the AES-256-GCM session key ({@code config.session.key}), or null when absent
 * @param process the process settings ({@code config.adminAddr}, {@code config.backend}, ...)
 */
public record GatewaySettings(
    String gateway,
    String namespace,
    Database database,
    Database logDatabase,
    DatabaseLlmMode llmLogging,
    StorageMode storage,
    CelCustomFunctions customFunctions,
    SessionKey sessionKey,
    ProcessSettings process) {

  /** Settings of a file without a {@code config} block. */
  public static final GatewaySettings NONE = new GatewaySettings(null, null);

  public GatewaySettings {
    Objects.requireNonNull(llmLogging, "llmLogging");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(customFunctions, "customFunctions");
    Objects.requireNonNull(process, "process");
  }

  /** Settings with only a gateway name and namespace. */
  public GatewaySettings(String gateway, String namespace) {
    this(
        gateway,
        namespace,
        null,
        null,
        DatabaseLlmMode.METADATA,
        StorageMode.FILE,
        CelCustomFunctions.NONE,
        null,
        ProcessSettings.NONE);
  }

  /**
   * The database usage records go to: the log store when one is set, else the primary database;
   * null when the file names neither.
   */
  public Database usageDatabase() {
    return logDatabase != null ? logDatabase : database;
  }

  /**
   * A database named in the file (agentgateway's {@code Config}).
   *
   * @param url a {@code postgres://} URL or a SQLite path
   * @param maxConnections the pool's size, or null for the default
   */
  public record Database(String url, Integer maxConnections) {}

  /** agentgateway's {@code DatabaseLlmMode}. */
  public enum DatabaseLlmMode {
    /** Usage, timing and cost of a call, never its content. */
    METADATA,
    /** Also the prompt and the completion, in a separate payload table. */
    FULL
  }

  /**
   * agentgateway's {@code ConfigStoreMode}: where configuration written through the admin API goes.
   */
  public enum StorageMode {
    /** Written back to the configuration file. */
    FILE,
    /**
     * Kept as an overlay in the primary database ({@code config.database}), merged over the file.
     */
    HYBRID,
    /** Not writable through the admin API. */
    READ_ONLY
  }

  /**
   * {@code config.session.key}: an AES-256-GCM key. Its {@code toString} never shows the key.
   *
   * @param hex the key as written: 64 hexadecimal digits (checked by the mapper)
   */
  public record SessionKey(String hex) {

    /** The key's 32 bytes. */
    public byte[] bytes() {
      return java.util.HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
      return "SessionKey[redacted]";
    }
  }
}
