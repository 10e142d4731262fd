#!/bin/sh
# Runs the unit and end-to-end tests under valgrind and fails on any report.
# Criterion runs each test in a child process and ignores a child's
# valgrind exit status, so the verdict comes from valgrind's own logs.
# usage: scripts/valgrind-tests.sh UNIT_BIN E2E_BIN MEALCHECK_BIN DB
set -u
unit=$1 e2e=$2 bin=$3 db=$4
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# Children are traced, except the system's own tools a test runs (msgfmt,
# unzip, sh): their leaks are not mealcheck's.
vg="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --log-file=$logs/vg-%p.log --trace-children-skip=/usr/bin/*,/bin/*"
status=0
MC_TEST_DB=$db $vg --trace-children=yes "$unit" --jobs 1 || status=1
MC_TEST_DB=$db MC_TEST_BIN=$bin MC_TEST_WRAPPER="$vg" "$e2e" --jobs 2 || status=1
for f in "$logs"/vg-*.log; do
    if [ -s "$f" ]; then
        cat "$f" >&2
        status=1
    fi
done
[ $status = 0 ] && echo "valgrind: no errors, no leaks"
exit $status
