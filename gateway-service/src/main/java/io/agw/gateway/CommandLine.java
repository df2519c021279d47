package io.agw.gateway;

import java.util.ArrayList;
import java.util.List;

/** Turns the gateway's own flags into Spring properties; other arguments pass through. */
final class CommandLine {

  static final String CONFIG_PROPERTY = "agw.config.file";

  private CommandLine() {}

  /** Whether the arguments ask only to validate the configuration ({@link ValidateOnly#FLAG}). */
  static boolean isValidateOnly(String[] normalized) {
    for (String arg : normalized) {
      if (arg.equals(ValidateOnly.FLAG)) {
        return true;
      }
    }
    return false;
  }

  /** {@code --config FILE} and {@code --config=FILE} become {@code --agw.config.file=FILE}. */
  static String[] normalize(String[] args) {
    List<String> out = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--config") || arg.equals("-f")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a file path");
        }
        out.add("--" + CONFIG_PROPERTY + "=" + args[++i]);
      } else if (arg.startsWith("--config=")) {
        out.add("--" + CONFIG_PROPERTY + "=" + arg.substring("--config=".length()));
      } else {
        out.add(arg);
      }
    }
    return out.toArray(String[]::new);
  }
}
