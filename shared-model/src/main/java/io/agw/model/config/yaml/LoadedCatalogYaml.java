package io.agw.model.config.yaml;

/**
 * A model catalog source once its text was read (a file's contents or an inline string or mapping),
 * with the path its problems are reported under, for the mapping.
 *
 * @param path where the catalog was written, for example {@code config.modelCatalog[0].inline}
 * @param catalog the catalog as read
 */
public record LoadedCatalogYaml(String path, CatalogYaml catalog) {}
