package io.agw.control.xds;

import io.agw.model.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One resource of a snapshot with its version: a hash of its deterministic serialization. Because
 * the version depends only on the content, a restarted control service computes the same versions,
 * so a gateway resuming with {@code initial_resource_versions} is sent only what really changed.
 */
public record VersionedResource(Resource resource, String version) {

  public VersionedResource {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(version, "version");
  }

  /** Key and version only: a resource may carry a secret inline (API key, private key). */
  @Override
  public String toString() {
    return key() + "@" + version;
  }

  /** The key the resource is addressed by on the stream (its name in xDS terms). */
  public String key() {
    return resource.getKey();
  }

  /** Versions {@code resource} by the content hash of its deterministic serialization. */
  public static VersionedResource of(Resource resource) {
    return new VersionedResource(resource, contentVersion(resource));
  }

  static String contentVersion(Resource resource) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(resource.getSerializedSize());
      var out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
      // Map fields (header maps, Struct) would otherwise serialize in hash order.
      out.useDeterministicSerialization();
      resource.writeTo(out);
      out.flush();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
