#!/usr/bin/env bash
# Makes sure the browsers the end-to-end tests drive are present: Debian's chromium and firefox-esr.
# Missing ones are installed with apt-get when we are root on Debian; otherwise we stop and say what to install.
set -euo pipefail
chromium_bin=${CHROMIUM_BIN:-/usr/bin/chromium}
firefox_bin=${FIREFOX_BIN:-/usr/bin/firefox-esr}
missing=()
[ -x "$chromium_bin" ] || missing+=(chromium)
[ -x "$firefox_bin" ] || missing+=(firefox-esr)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get for the end-to-end tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The end-to-end tests need ${missing[*]} (looked for $chromium_bin and $firefox_bin)." >&2
echo "Install the Debian packages (apt-get install ${missing[*]}) or point CHROMIUM_BIN / FIREFOX_BIN at them." >&2
exit 1
