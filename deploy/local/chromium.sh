#!/usr/bin/env bash
# What the browser tests need: Debian's Chromium (/usr/bin/chromium), an emoji font for readable screenshots, and
# node with npm (playwright-core itself is installed by the tests with npm ci from their package-lock.json).
#   deploy/local/chromium.sh ensure
set -euo pipefail

SB_COMPONENT=chromium
# shellcheck source=deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]] || missing+=(fonts-noto-color-emoji)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  ((${#missing[@]} == 0)) && return 0
  info "installing the Debian packages ${missing[*]} for the browser tests"
  if ! as_root apt-get update >/dev/null || ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" 9>&-; then
    fail "'apt-get install -y ${missing[*]}' failed; the browser tests need them"
  fi
}

case "${1:-ensure}" in
  ensure) ensure ;;
  *) echo "usage: $0 ensure" >&2; exit 2 ;;
esac
