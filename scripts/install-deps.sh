#!/bin/sh
# Installs the Debian packages mealcheck builds and tests with.  Called by
# `make deps` only when pkg-config cannot find a library, so it is a no-op
# on a machine that already has them.  chromium runs the browser test of
# `mealcheck serve` (tests/e2e/test_serve_browser.c); libunistring normalises
# and case-folds the names people type (src/lib/text.c).
set -e
PACKAGES="build-essential pkg-config libsqlite3-dev libxlsxwriter-dev libzip-dev libexpat1-dev libcriterion-dev valgrind unzip time gettext
          libmicrohttpd-dev libjansson-dev libunistring-dev chromium"
if [ "$(id -u)" != 0 ]; then
    echo "mealcheck: missing build dependencies; run as root or install: $PACKAGES" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
