#!/bin/sh
# Installs the Debian packages mealcheck needs, by what for:
#   build     the tool, its database and catalogues (`make`, `make install`)
#   test      Criterion, unzip (cells of written reports) and chromium (the
#             browser test of `mealcheck serve`, tests/e2e/test_serve_browser.c),
#             time (peak memory in `make bench`), npm (axe-core, the
#             accessibility audit of the browser tests, tools/a11y)
#   valgrind  `make valgrind`
# The Makefile calls it only when pkg-config or the shell cannot find what a
# target needs, so it is a no-op on a machine that already has them.
# libglpk-dev (GLPK, which has no pkg-config file) solves the programme of
# `mealcheck suggest`; libunistring-dev normalises and case-folds the names
# people type (src/lib/text.c); libdeflate-dev compresses an audit's
# per-school workbooks (src/lib/xlsx_overrides.c).
set -e
build="build-essential pkg-config libsqlite3-dev libxlsxwriter-dev libzip-dev libexpat1-dev libdeflate-dev
       gettext libmicrohttpd-dev libjansson-dev libglpk-dev
       libunistring-dev"
PACKAGES=
for group in "${@:-build}"; do
    case $group in
    build) PACKAGES="$PACKAGES $build" ;;
    test) PACKAGES="$PACKAGES libcriterion-dev unzip chromium time npm" ;;
    valgrind) PACKAGES="$PACKAGES valgrind" ;;
    *) echo "usage: $0 [build|test|valgrind]..." >&2; exit 2 ;;
    esac
done
if [ "$(id -u)" != 0 ]; then
    echo "mealcheck: missing dependencies; run as root or install:" $PACKAGES >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
