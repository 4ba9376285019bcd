#!/usr/bin/env bash
# Installs what Bakeoff needs on a Debian/Ubuntu machine that already has Swift:
# the C libraries it links (cmark-gfm, SQLite), git-lfs (a data-versioning candidate), uv (Python environments)
# and Chromium with its WebDriver: the web-app stage drives each app in headless Chromium, and the tests that
# measure the site's pages use it (optional: those tests skip without it).
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev git-lfs)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v uv >/dev/null 2>&1; then
  echo "installing: uv (pip)" >&2
  python3 -m pip install --quiet uv 2>/dev/null || python3 -m pip install --quiet --user uv
fi

# Chromium is optional: where the distribution has no installable package (Ubuntu ships it as a snap), the
# layout tests say they were skipped and the web-app stage's serve steps fail with what to install.
chromium_missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || chromium_missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || chromium_missing+=(chromium-driver)
if [ ${#chromium_missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    echo "installing: ${chromium_missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${chromium_missing[@]}" >/dev/null \
      || echo "${chromium_missing[*]} not installed; the layout tests will skip" >&2
  else
    echo "no chromium package here; the layout tests will skip" >&2
  fi
fi
