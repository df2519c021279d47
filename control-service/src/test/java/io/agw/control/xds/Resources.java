package io.agw.control.xds;

import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.PathMatch;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import io.agw.model.resource.v1.RouteMatch;
import io.agw.model.resource.v1.StaticBackend;
import java.util.ArrayList;
import java.util.List;

/** Resource sets for the xDS tests. */
final class Resources {

  private Resources() {}

  static Resource route(int i, String prefix) {
    String key = "route/" + i;
    return Resource.newBuilder()
        .setKey(key)
        .setRoute(
            Route.newBuilder()
                .setKey(key)
                .setName("r" + i)
                .setListenerKey("listener/main")
                .addMatches(
                    RouteMatch.newBuilder().setPath(PathMatch.newBuilder().setPrefix(prefix)))
                .addBackends(RouteBackend.newBuilder().setBackendKey("backend/a").setWeight(1)))
        .build();
  }

  static Resource backend(String name, int port) {
    String key = "backend/" + name;
    return Resource.newBuilder()
        .setKey(key)
        .setBackend(
            Backend.newBuilder()
                .setKey(key)
                .setName(name)
                .setStatic(StaticBackend.newBuilder().setHost("127.0.0.1").setPort(port)))
        .build();
  }

  static List<Resource> routes(int count) {
    List<Resource> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(route(i, "/r" + i));
    }
    return out;
  }
}
