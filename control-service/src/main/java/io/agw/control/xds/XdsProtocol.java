package io.agw.control.xds;

import io.agw.model.resource.v1.Resource;

/**
 * The constants both ends of the delta ADS stream agree on: the one resource type it carries (our
 * {@link Resource}, {@code Any}-packed) and how a gateway names itself.
 */
public final class XdsProtocol {

  /** The type URL of every resource on the stream: {@code Any.pack(Resource)} produces it. */
  public static final String TYPE_URL =
      "type.googleapis.com/" + Resource.getDescriptor().getFullName();

  private XdsProtocol() {}

  /** The node id a gateway sends and snapshots are keyed by: {@code <namespace>/<gateway name>}. */
  public static String nodeId(String namespace, String gateway) {
    return namespace + "/" + gateway;
  }
}
