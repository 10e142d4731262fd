#!/bin/sh
# menu.sh BIN DB - time and peak memory of computing the sample recipe book
# and menu, and of a generated menu 100 times longer (200 weeks).
# Run by `make bench`; figures go to stdout.
set -eu
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM

sh bench/gen-menu.sh menus/menu.csv 100 > "$dir/menu-x100.csv"

# measure LABEL ARGS... : run mealcheck under /usr/bin/time -v, JSON to a file
measure() {
    label=$1
    shift
    /usr/bin/time -v "$BIN" --db "$DB" "$@" --format json > "$dir/out.json" 2> "$dir/time.txt" || {
        cat "$dir/time.txt" >&2
        exit 1
    }
    awk -v label="$label" -v bytes="$(wc -c < "$dir/out.json")" '
        /Elapsed \(wall clock\)/ { t = $NF }
        /Maximum resident set size/ { rss = $NF }
        END { printf "%-38s wall %s  peak RSS %.1f MB  output %.1f MB\n",
                     label, t, rss / 1024, bytes / 1048576 }' "$dir/time.txt"
}

rows() { echo $(($(wc -l < "$1") - 1)); }
echo "bench/menu.sh: $(rows menus/recipes.csv) recipe rows; menu $(rows menus/menu.csv) rows, x100 $(rows "$dir/menu-x100.csv") rows"
measure "recipe book (menus/recipes.csv)" recipe --recipes menus/recipes.csv
measure "menu, sample (2 weeks)" menu --recipes menus/recipes.csv --menu menus/menu.csv
measure "menu, generated x100 (200 weeks)" menu --recipes menus/recipes.csv --menu "$dir/menu-x100.csv"
