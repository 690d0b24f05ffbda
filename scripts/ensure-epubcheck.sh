#!/usr/bin/env bash
# Makes sure the `files` tier can run EPUBCheck: Debian's epubcheck package (a Java jar) and a Java runtime.
# Installed with apt-get when we are root on Debian; otherwise we stop and say what to install.
# The jar is run with `java -jar` (test/files/epubcheck.test.ts): Debian's /usr/bin/epubcheck is the jar
# itself, which runs as a command only where binfmt_misc is set up (not in most containers).
set -euo pipefail
jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
[ -f "$jar" ] && command -v java >/dev/null 2>&1 && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing epubcheck with apt-get for the files tier..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq epubcheck >/dev/null
  exit 0
fi
echo "The files tier needs EPUBCheck (looked for $jar) and java." >&2
echo "Install the Debian package (apt-get install epubcheck) or point EPUBCHECK_JAR at epubcheck.jar." >&2
exit 1
