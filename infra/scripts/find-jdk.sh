# Sourced by ./shop and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Looks at JAVA_HOME, then `java` on the PATH, then the usual install folders; never assumes the default java.

shop_java_major() { # prints the major version of the java binary $1, or nothing
  local line
  line=$("$1" -version 2>&1 | grep -m1 -E 'version "[0-9]') || return 0
  line=${line#*version \"}; line=${line%%\"*}
  case "$line" in 1.*) line=${line#1.} ;; esac
  echo "${line%%[.+-]*}"
}

shop_is_jdk21() { # $1 = a candidate home: needs bin/java and bin/javac, version >= 21
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major; major=$(shop_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

shop_find_jdk() {
  local candidate best="" best_major=0 major path_java
  if [ -n "${JAVA_HOME:-}" ] && shop_is_jdk21 "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  if path_java=$(command -v java 2>/dev/null); then
    candidate=$(cd "$(dirname "$(readlink -f "$path_java")")/.." && pwd)
    if shop_is_jdk21 "$candidate"; then echo "$candidate"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    shop_is_jdk21 "$candidate" || continue
    major=$(shop_java_major "$candidate/bin/java")
    if [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  [ -n "$best" ] && echo "$best"
}

if ! SHOP_JDK=$(shop_find_jdk) || [ -z "$SHOP_JDK" ]; then
  {
    echo "No JDK 21 or newer found."
    echo "  Looked at: JAVA_HOME (${JAVA_HOME:-unset}), java on the PATH ($(command -v java || echo none)),"
    echo "             /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks, /Library/Java."
    if command -v java >/dev/null 2>&1; then
      echo "  The java on the PATH is version $(shop_java_major "$(command -v java)"), which is too old."
    fi
    echo "  Install a JDK 21+ (e.g. 'apt-get install openjdk-21-jdk-headless', or Temurin from adoptium.net),"
    echo "  or point JAVA_HOME at one."
  } >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$SHOP_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
