#!/bin/sh
# check.sh BIN DB - time and peak memory of `mealcheck check` writing the
# Excel report, for the sample menu and for a generated menu 100 times
# longer (bench/gen-menu.sh), against SanPiN 3590-20 and the US DRIs.
# Run by `make bench`; figures go to stdout.  Exit 3 (the menu does not
# comply) is the expected verdict, not a failure.
set -eu
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

sh bench/gen-menu.sh menus/menu.csv 100 > "$work/menu-x100.csv"

# run_check LABEL MENU: one check with report, timed by /usr/bin/time -v.
run_check() {
    status=0
    /usr/bin/time -v "$BIN" --db "$DB" check --recipes menus/recipes.csv \
        --menu "$2" --standard ru_sanpin_3590_20 --standard us_dri --group 7-11 \
        --date 2026-09-01 -o "$work/report.xlsx" > "$work/out.txt" 2> "$work/time.txt" ||
        status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ] && [ "$status" -ne 6 ] &&
       [ "$status" -ne 7 ]; then
        cat "$work/time.txt" >&2
        exit 1
    fi
    sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p; s/.*Maximum resident set size (kbytes): //p' \
        "$work/time.txt" | {
        read -r wall
        read -r kb
        printf '%-34s wall %s  peak RSS %.1f MB  report %.2f MB  exit %d\n' "$1" "$wall" \
            "$(echo "$kb / 1024" | bc -l)" \
            "$(echo "$(wc -c < "$work/report.xlsx") / 1048576" | bc -l)" "$status"
    }
}

echo "bench/check.sh: check + Excel report, SanPiN 3590-20 and US DRI, group 7-11"
run_check "sample menu (2 weeks)" menus/menu.csv
run_check "generated x100 (200 weeks)" "$work/menu-x100.csv"
