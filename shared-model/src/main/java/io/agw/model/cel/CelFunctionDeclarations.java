package io.agw.model.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.List;

/**
 * agentgateway's own CEL functions (its {@code celx} crate: JSON, encodings, hashes, strings,
 * randomness), with agentgateway's names, overloads and result types. The functions that bind a
 * variable ({@code with}, {@code mapValues}, {@code filterKeys}) or catch a missing key ({@code
 * default}, {@code coalesce}) are macros ({@link CelMacros}). The overload ids are the contract
 * with the gateway's bindings. Immutable.
 */
public final class CelFunctionDeclarations {

  public static final String JSON_STRING = "json_string";
  public static final String JSON_BYTES = "json_bytes";
  public static final String JSON_FIELD_STRING = "json_field_string";
  public static final String JSON_FIELD_BYTES = "json_field_bytes";
  public static final String TO_JSON = "to_json_dyn";
  public static final String TO_JSON_SNAKE = "to_json_snake_dyn";
  public static final String UNVALIDATED_JWT_PAYLOAD = "unvalidated_jwt_payload_string";
  public static final String MAP_MERGE = "map_merge_map";
  public static final String RANDOM = "random";
  public static final String UUID = "uuid";
  public static final String FLATTEN_LIST = "flatten_list";
  public static final String FLATTEN_MAP = "flatten_map";
  public static final String FLATTEN_RECURSIVE_LIST = "flatten_recursive_list";
  public static final String FLATTEN_RECURSIVE_MAP = "flatten_recursive_map";
  public static final String FLATTEN_RECURSIVE_LIST_SNAKE = "flatten_recursive_snake_list";
  public static final String FLATTEN_RECURSIVE_MAP_SNAKE = "flatten_recursive_snake_map";
  public static final String FAIL = "fail_string";
  public static final String REGEX_REPLACE = "string_regex_replace";
  public static final String STRIP_PREFIX = "string_strip_prefix";
  public static final String STRIP_SUFFIX = "string_strip_suffix";
  public static final String UNREDACTED = "string_unredacted";
  public static final String BASE64_ENCODE_STRING = "agw_base64_encode_string";
  public static final String BASE64_DECODE_BYTES = "agw_base64_decode_bytes";
  public static final String LEGACY_BASE64_ENCODE_STRING = "base64Encode_string";
  public static final String LEGACY_BASE64_ENCODE_BYTES = "base64Encode_bytes";
  public static final String LEGACY_BASE64_DECODE_STRING = "base64Decode_string";
  public static final String LEGACY_BASE64_DECODE_BYTES = "base64Decode_bytes";
  public static final String URL_ENCODE_STRING = "url_encode_string";
  public static final String URL_ENCODE_BYTES = "url_encode_bytes";
  public static final String URL_DECODE = "url_decode_string";
  public static final String FORM_DECODE_STRING = "form_decode_string";
  public static final String FORM_DECODE_BYTES = "form_decode_bytes";
  public static final String FORM_ENCODE = "form_encode_map";
  public static final String SHA1_STRING = "sha1_encode_string";
  public static final String SHA1_BYTES = "sha1_encode_bytes";
  public static final String SHA256_STRING = "sha256_encode_string";
  public static final String SHA256_BYTES = "sha256_encode_bytes";
  public static final String MD5_STRING = "md5_encode_string";
  public static final String MD5_BYTES = "md5_encode_bytes";
  public static final String QUERY = "string_query";
  public static final String ADD_QUERY = "string_add_query";
  public static final String SET_QUERY = "string_set_query";

  /** The function the map macros accumulate with; its name cannot be written in an expression. */
  public static final String MAP_INSERT_FUNCTION = "@agw_map_insert";

  public static final String MAP_INSERT = "agw_map_insert";

  static final MapType MAP = MapType.create(SimpleType.DYN, SimpleType.DYN);
  static final MapType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);

  private CelFunctionDeclarations() {}

  static List<CelFunctionDecl> functions() {
    CelType str = SimpleType.STRING;
    CelType bytes = SimpleType.BYTES;
    CelType dyn = SimpleType.DYN;
    return List.of(
        newFunctionDeclaration(
            "json",
            newGlobalOverload(JSON_STRING, dyn, str),
            newGlobalOverload(JSON_BYTES, dyn, bytes)),
        newFunctionDeclaration(
            "jsonField",
            newGlobalOverload(JSON_FIELD_STRING, dyn, str, str),
            newGlobalOverload(JSON_FIELD_BYTES, dyn, bytes, str)),
        newFunctionDeclaration("toJson", newGlobalOverload(TO_JSON, str, dyn)),
        newFunctionDeclaration("to_json", newGlobalOverload(TO_JSON_SNAKE, str, dyn)),
        newFunctionDeclaration(
            "unvalidatedJwtPayload", newGlobalOverload(UNVALIDATED_JWT_PAYLOAD, dyn, str)),
        newFunctionDeclaration("merge", newMemberOverload(MAP_MERGE, MAP, MAP, MAP)),
        newFunctionDeclaration("random", newGlobalOverload(RANDOM, SimpleType.DOUBLE)),
        newFunctionDeclaration("uuid", newGlobalOverload(UUID, str)),
        // Log and trace fields only: the field's value is spread over one field per element.
        newFunctionDeclaration(
            "flatten",
            newGlobalOverload(FLATTEN_LIST, STRING_MAP, ListType.create(SimpleType.DYN)),
            newGlobalOverload(FLATTEN_MAP, STRING_MAP, MAP)),
        newFunctionDeclaration(
            "flattenRecursive",
            newGlobalOverload(FLATTEN_RECURSIVE_LIST, STRING_MAP, ListType.create(SimpleType.DYN)),
            newGlobalOverload(FLATTEN_RECURSIVE_MAP, STRING_MAP, MAP)),
        newFunctionDeclaration(
            "flatten_recursive",
            newGlobalOverload(
                FLATTEN_RECURSIVE_LIST_SNAKE, STRING_MAP, ListType.create(SimpleType.DYN)),
            newGlobalOverload(FLATTEN_RECURSIVE_MAP_SNAKE, STRING_MAP, MAP)),
        newFunctionDeclaration("fail", newGlobalOverload(FAIL, dyn, str)),
        newFunctionDeclaration(
            "regexReplace", newMemberOverload(REGEX_REPLACE, str, str, str, str)),
        newFunctionDeclaration("stripPrefix", newMemberOverload(STRIP_PREFIX, str, str, str)),
        newFunctionDeclaration("stripSuffix", newMemberOverload(STRIP_SUFFIX, str, str, str)),
        // agentgateway redacts secrets such as jwt.rawToken unless unredacted() is called; here
        // they are plain strings, so it gives its receiver back.
        newFunctionDeclaration("unredacted", newMemberOverload(UNREDACTED, str, str)),
        // cel-java's encoders extension declares base64.encode(bytes) and base64.decode(string);
        // agentgateway also takes the other type for each.
        newFunctionDeclaration("base64.encode", newGlobalOverload(BASE64_ENCODE_STRING, str, str)),
        newFunctionDeclaration(
            "base64.decode", newGlobalOverload(BASE64_DECODE_BYTES, bytes, bytes)),
        newFunctionDeclaration(
            "base64Encode",
            newGlobalOverload(LEGACY_BASE64_ENCODE_STRING, str, str),
            newGlobalOverload(LEGACY_BASE64_ENCODE_BYTES, str, bytes)),
        newFunctionDeclaration(
            "base64Decode",
            newGlobalOverload(LEGACY_BASE64_DECODE_STRING, bytes, str),
            newGlobalOverload(LEGACY_BASE64_DECODE_BYTES, bytes, bytes)),
        newFunctionDeclaration(
            "url.encode",
            newGlobalOverload(URL_ENCODE_STRING, str, str),
            newGlobalOverload(URL_ENCODE_BYTES, str, bytes)),
        newFunctionDeclaration("url.decode", newGlobalOverload(URL_DECODE, str, str)),
        newFunctionDeclaration(
            "form.decode",
            newGlobalOverload(FORM_DECODE_STRING, STRING_MAP, str),
            newGlobalOverload(FORM_DECODE_BYTES, STRING_MAP, bytes)),
        newFunctionDeclaration("form.encode", newGlobalOverload(FORM_ENCODE, str, MAP)),
        hash("sha1.encode", SHA1_STRING, SHA1_BYTES),
        hash("sha256.encode", SHA256_STRING, SHA256_BYTES),
        hash("md5.encode", MD5_STRING, MD5_BYTES),
        newFunctionDeclaration("query", newMemberOverload(QUERY, ListType.create(str), str, str)),
        newFunctionDeclaration("addQuery", newMemberOverload(ADD_QUERY, str, str, str, str)),
        newFunctionDeclaration("setQuery", newMemberOverload(SET_QUERY, str, str, str, str)),
        newFunctionDeclaration(
            MAP_INSERT_FUNCTION, newGlobalOverload(MAP_INSERT, MAP, MAP, dyn, dyn)));
  }

  private static CelFunctionDecl hash(String name, String stringOverload, String bytesOverload) {
    return newFunctionDeclaration(
        name,
        newGlobalOverload(stringOverload, SimpleType.STRING, SimpleType.STRING),
        newGlobalOverload(bytesOverload, SimpleType.STRING, SimpleType.BYTES));
  }
}
