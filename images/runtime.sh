#!/usr/bin/env bash
# Assembles the root file system of agw's container images (the layer under the application):
# a Java runtime made by jlink from the JDK running the build, the shared libraries it loads
# (taken from this machine, a glibc Linux such as Debian), CA certificates for TLS, and the
# non-root user the images run as. No container engine and no registry are needed.
#
#   images/runtime.sh JAVA_HOME OUTPUT_DIR
#
# JAVA_HOME must be a JDK with jmods/ (Debian: openjdk-17-jdk-headless). See docs/operations.md.
set -euo pipefail

java_home=$1
out=$2
uid=10001

if [[ ! -d "$java_home/jmods" ]]; then
  echo "images/runtime.sh: $java_home has no jmods/; build with a full JDK (Debian: apt-get install openjdk-17-jdk-headless)" >&2
  exit 1
fi

# The modules Spring Boot, Netty, gRPC, fabric8 and the JDK HTTP client use (java.desktop for
# java.beans, jdk.unsupported for sun.misc.Unsafe, jdk.crypto.ec for TLS, jdk.management for
# Actuator's metrics, jdk.naming.dns for the Kubernetes client).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,\
java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.charsets,jdk.crypto.cryptoki,\
jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/home/agw"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/opt/java"

# The JDK's trust store; Debian's JDK links it to ca-certificates-java's store.
cacerts=$(readlink -f "$java_home/lib/security/cacerts")
if [[ ! -s "$cacerts" ]]; then
  echo "images/runtime.sh: no CA certificates at $java_home/lib/security/cacerts (Debian: apt-get install ca-certificates-java)" >&2
  exit 1
fi
rm -f "$out/opt/java/lib/security/cacerts"
cp "$cacerts" "$out/opt/java/lib/security/cacerts"

# The native code of java.desktop other than headless AWT: fonts, images, sound and X11 windows,
# never loaded by the headless services, and with them a dozen X11 and font libraries.
for lib in awt_xawt splashscreen jsound fontmanager lcms javajpeg mlib_image; do
  rm -f "$out/opt/java/lib/lib$lib.so"
done

# Every shared library the runtime loads, at the same path as here, symbolic links resolved.
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | grep -oE '(/[^ ]+) \(0x' | sed 's/ (0x$//' | sort -u \
  | while read -r lib; do
      case "$lib" in "$out"/*) continue ;; esac
      mkdir -p "$out$(dirname "$lib")"
      cp -L "$lib" "$out$lib"
    done

printf 'root:x:0:0:root:/root:/sbin/nologin\nagw:x:%s:%s:agw:/home/agw:/sbin/nologin\n' "$uid" "$uid" > "$out/etc/passwd"
printf 'root:x:0:\nagw:x:%s:\n' "$uid" > "$out/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$out/etc/hosts"
