package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.HeaderMatchYaml;
import io.agw.model.config.yaml.MatchYaml;
import io.agw.model.config.yaml.PathMatchYaml;
import io.agw.model.config.yaml.QueryMatchYaml;
import io.agw.model.config.yaml.StringMatchYaml;
import io.agw.model.resource.v1.HeaderMatch;
import io.agw.model.resource.v1.PathMatch;
import io.agw.model.resource.v1.QueryMatch;
import io.agw.model.resource.v1.RouteMatch;
import io.agw.model.resource.v1.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a route's {@code matches}. No matches, or a match without a path, means a path prefix of
 * {@code /}, which is written out explicitly so the gateway never has to apply the default.
 */
final class MatchMapper {

  private static final PathMatch ANY_PATH = PathMatch.newBuilder().setPrefix("/").build();

  private final MappingContext ctx;

  MatchMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  List<RouteMatch> matches(String path, List<MatchYaml> yaml) {
    List<RouteMatch> matches = new ArrayList<>();
    for (int i = 0; i < list(yaml).size(); i++) {
      String matchPath = path + "[" + i + "]";
      if (yaml.get(i) == null) {
        ctx.error(matchPath, "must not be empty");
      } else {
        matches.add(match(matchPath, yaml.get(i)));
      }
    }
    if (list(yaml).isEmpty()) {
      matches.add(RouteMatch.newBuilder().setPath(ANY_PATH).build());
    }
    return matches;
  }

  private RouteMatch match(String path, MatchYaml yaml) {
    RouteMatch.Builder b = RouteMatch.newBuilder();
    b.setPath(yaml.path() == null ? ANY_PATH : pathMatch(path + ".path", yaml.path()));
    if (yaml.method() != null) {
      if (yaml.method().isEmpty() || !yaml.method().chars().allMatch(Character::isLetter)) {
        ctx.error(path + ".method", "invalid HTTP method '" + yaml.method() + "'");
      }
      b.setMethod(yaml.method());
    }
    for (int i = 0; i < list(yaml.headers()).size(); i++) {
      HeaderMatchYaml header = yaml.headers().get(i);
      String headerPath = path + ".headers[" + i + "]";
      if (checkNamed(headerPath, header == null ? null : header.name(), header)) {
        HeaderMatch.Builder hb = HeaderMatch.newBuilder().setName(header.name());
        value(headerPath + ".value", header.value()).ifPresent(hb::setValue);
        b.addHeaders(hb);
      }
    }
    for (int i = 0; i < list(yaml.query()).size(); i++) {
      QueryMatchYaml query = yaml.query().get(i);
      String queryPath = path + ".query[" + i + "]";
      if (checkNamed(queryPath, query == null ? null : query.name(), query)) {
        QueryMatch.Builder qb = QueryMatch.newBuilder().setName(query.name());
        value(queryPath + ".value", query.value()).ifPresent(qb::setValue);
        b.addQuery(qb);
      }
    }
    return b.build();
  }

  private boolean checkNamed(String path, String name, Object yaml) {
    if (yaml == null) {
      ctx.error(path, "must not be empty");
      return false;
    }
    if (name == null || name.isBlank()) {
      ctx.error(path + ".name", "required field is missing");
      return false;
    }
    return true;
  }

  private PathMatch pathMatch(String path, PathMatchYaml yaml) {
    if (HeaderPolicyMapper.count(yaml.exact(), yaml.pathPrefix(), yaml.regex()) != 1) {
      ctx.errorUnlessReported(path, "set exactly one of exact, pathPrefix, regex");
      return ANY_PATH;
    }
    if (yaml.exact() != null) {
      checkAbsolute(path + ".exact", yaml.exact());
      return PathMatch.newBuilder().setExact(yaml.exact()).build();
    }
    if (yaml.pathPrefix() != null) {
      checkAbsolute(path + ".pathPrefix", yaml.pathPrefix());
      return PathMatch.newBuilder().setPrefix(yaml.pathPrefix()).build();
    }
    ctx.checkRegex(path + ".regex", yaml.regex());
    return PathMatch.newBuilder().setRegex(yaml.regex()).build();
  }

  private void checkAbsolute(String path, String value) {
    if (!value.startsWith("/")) {
      ctx.error(path, "a path starts with '/', '" + value + "' does not");
    }
  }

  private Optional<StringMatch> value(String path, StringMatchYaml yaml) {
    if (!ctx.require(path, yaml)) {
      return Optional.empty();
    }
    if (HeaderPolicyMapper.count(yaml.exact(), yaml.regex()) != 1) {
      ctx.errorUnlessReported(path, "set exactly one of exact, regex");
      return Optional.empty();
    }
    if (yaml.exact() != null) {
      return Optional.of(StringMatch.newBuilder().setExact(yaml.exact()).build());
    }
    ctx.checkRegex(path + ".regex", yaml.regex());
    return Optional.of(StringMatch.newBuilder().setRegex(yaml.regex()).build());
  }
}
