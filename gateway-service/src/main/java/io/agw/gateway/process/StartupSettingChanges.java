package io.agw.gateway.process;

import io.agw.model.config.ProcessSettings;
import java.lang.reflect.RecordComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when a reload changes a process setting of the {@code config} block: they are read once at
 * start ({@link ProcessSettingsEnvironment}), so the change applies at the next start.
 */
public final class StartupSettingChanges {

  private static final Logger log = LoggerFactory.getLogger(StartupSettingChanges.class);

  private StartupSettingChanges() {}

  /** Logs one warning per changed setting between the applied version and the next. */
  public static void warn(ProcessSettings applied, ProcessSettings next) {
    if (applied.equals(next)) {
      return;
    }
    for (RecordComponent component : ProcessSettings.class.getRecordComponents()) {
      try {
        Object before = component.getAccessor().invoke(applied);
        Object after = component.getAccessor().invoke(next);
        if (!java.util.Objects.equals(before, after)) {
          log.warn(
              "config.{} changed; the gateway reads it at start only, so the change applies at the"
                  + " next start",
              component.getName());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
