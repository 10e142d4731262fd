#!/bin/sh
# gen-menu.sh MENU N - print a menu N times as long as MENU: its weeks
# repeated N times and renumbered (weeks 1-2 become 1-2, 3-4, ..., 2N-1 - 2N).
#
#   sh bench/gen-menu.sh menus/menu.csv 100 > /tmp/menu-x100.csv
#
# The week column must come first, or be absent (every row is then week 1).
# Rows are copied as they are otherwise, so quoted fields may hold commas;
# a quoted field spanning lines is not supported.
set -eu
if [ $# -ne 2 ]; then
    echo "usage: sh bench/gen-menu.sh MENU.csv N > OUT.csv" >&2
    exit 2
fi
exec awk -v n="$2" '
function first(s) { sub(/,.*/, "", s); return s }
function rest(s) { return index(s, ",") ? substr(s, index(s, ",")) : "" }
{ sub(/\r$/, "") }
FNR == 1 {
    h = $0
    sub(/^\357\273\277/, "", h)
    has_week = tolower(first(h)) == "week"
    if (NR == 1) print (has_week ? h : "week," h)
    next
}
NR == FNR { w = has_week && first($0) != "" ? first($0) + 0 : 1; if (w > max) max = w; next }
{ rows[++nrows] = $0 }
END {
    if (n !~ /^[0-9]+$/ || n < 1) { print "gen-menu.sh: N must be a positive integer" > "/dev/stderr"; exit 2 }
    for (k = 0; k < n; k++)
        for (i = 1; i <= nrows; i++) {
            r = rows[i]
            w = has_week && first(r) != "" ? first(r) + 0 : 1
            print (w + k * max) (has_week ? rest(r) : "," r)
        }
}' "$1" "$1"
