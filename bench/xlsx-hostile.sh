#!/bin/sh
# xlsx-hostile.sh BIN DB - peak memory and time of `mealcheck menu` on the
# hostile workbooks of the fuzz seeds (tests/fuzz/corpus/xlsx/: 1-7 KB
# sheets with a cell at XFD in every row, a 1 MB shared string shown 30
# times, cells outside rows), each of which must be refused (exit 2).
# With MC_BENCH_BEFORE=OTHER_BIN the same runs of another build are shown
# beside them, with the ratio of peak memory.  Run by `make bench`.
set -eu
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
BEFORE=${MC_BENCH_BEFORE:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# run BIN FILE: "PEAK_KB WALL EXIT" of one menu run on FILE.
run() {
    status=0
    /usr/bin/time -v "$1" --db "$DB" menu --recipes menus/recipes.csv --menu "$2" \
        > /dev/null 2> "$work/time.txt" || status=$?
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
    echo "$kb $wall $status"
}

mb() { awk -v kb="$1" 'BEGIN { print kb / 1024 }'; }

echo "bench/xlsx-hostile.sh: menu --menu HOSTILE.xlsx (peak RSS, wall, exit)"
for name in xfd-4k xfd-20k xfd-60k sst-1m-x30 nested-row row-in-row; do
    f=tests/fuzz/corpus/xlsx/$name.xlsx
    set -- $(run "$BIN" "$f")
    line=$(printf '%-12s %6d B  %8.1f MB %8s exit %s' "$name" "$(wc -c < "$f")" \
        "$(mb "$1")" "$2" "$3")
    if [ "$3" -ne 2 ]; then
        echo "$line: expected exit 2 (refused)" >&2
        exit 1
    fi
    if [ -n "$BEFORE" ]; then
        now=$1
        set -- $(run "$BEFORE" "$f")
        line=$(printf '%s | before %8.1f MB %8s exit %-3s | %6.1fx less memory' "$line" \
            "$(mb "$1")" "$2" "$3" "$(awk -v a="$1" -v b="$now" 'BEGIN { print a / b }')")
    fi
    echo "$line"
done
