#!/usr/bin/env bash
# Installs what Bakeoff needs on a Debian/Ubuntu machine that already has Swift:
# the C libraries it links (cmark-gfm, SQLite), git-lfs (a data-versioning candidate) and uv (Python environments).
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
