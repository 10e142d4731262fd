#!/bin/sh
# audit.sh BIN DB - a national-scale audit: AUDIT_SCHOOLS (default 7000)
# schools, each a 4-week menu of 5 days x breakfast and lunch x 4 dishes, 3
# age groups, two norm sets, one 200-recipe book (bench/gen-audit.sh, into
# build/bench-audit).  Measures wall time and peak memory of the roll-up
# workbook + JSON, the cost of --per-school workbooks (100 schools,
# extrapolated), and compares with running `mealcheck check` once per school
# (100 runs, extrapolated).
# Run by `make bench`; figures go to stdout.  Target on 2 cores: roll-up +
# JSON under 10 s and 500 MB.
set -eu
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
N=${AUDIT_SCHOOLS:-7000}
dir=build/bench-audit
rm -rf "$dir"
sh bench/gen-audit.sh "$dir" "$N"

# seconds LABEL: wall seconds of the last run, from /usr/bin/time -v
seconds() {
    awk '/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0
                                    for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$dir/time.txt"
}

# measure LABEL MANIFEST ARGS... : the audit under /usr/bin/time -v; exit 0,
# 3 or 4 (schools that do not comply or could not be checked) is a finished
# audit.
measure() {
    label=$1
    manifest=$2
    shift 2
    st=0
    /usr/bin/time -v "$BIN" --db "$DB" audit "$manifest" \
        --recipes "$dir/recipes.csv" --format json "$@" > "$dir/out.json" \
        2> "$dir/time.txt" || st=$?
    if [ "$st" -ne 0 ] && [ "$st" -ne 3 ] && [ "$st" -ne 4 ]; then
        cat "$dir/time.txt" >&2
        exit 1
    fi
    awk -v label="$label" -v bytes="$(wc -c < "$dir/out.json")" '
        /Maximum resident set size/ { rss = $NF }
        END { printf "%-34s wall %6.2f s  peak RSS %6.1f MB  JSON %.1f MB\n",
                     label, t, rss / 1024, bytes / 1048576 }' t="$(seconds)" "$dir/time.txt"
}

echo "bench/audit.sh: $N schools, $(nproc) cores"
measure "audit: roll-up + JSON" "$dir/schools.csv" -o "$dir/rollup.xlsx"
audit_s=$(seconds)

# A full check workbook per school costs far more than checking it (the
# whole book's Recipes sheet, each cell formatted and deflated): measured
# on the first 100 schools and extrapolated, not written 7000 times.
some=$((N < 100 ? N : 100))
head -n $((some + 1)) "$dir/schools.csv" > "$dir/some.csv"
mkdir -p "$dir/reports"
measure "audit of $some: + per-school" "$dir/some.csv" --per-school "$dir/reports"
echo "  $(ls "$dir/reports" | wc -l) per-school workbooks, $(du -sm "$dir/reports" | cut -f1) MB;" \
    "$N schools: about $(awk -v s="$(seconds)" -v n="$N" -v k="$some" \
                         'BEGIN { printf "%.0f", s * n / k }') s"
rm -rf "$dir/reports"

# The same schools one `check` process each: the first 100, extrapolated.
runs=$((N < 100 ? N : 100))
start=$(date +%s.%N)
i=0
while [ "$i" -lt "$runs" ]; do
    st=0
    "$BIN" --db "$DB" check --recipes "$dir/recipes.csv" \
        --menu "$dir/menus/$(printf %05d "$i").csv" \
        --standard ru_sanpin_3590_20 --standard us_dri \
        --group 7-11 --group 12-14 --group 15-18 \
        --meal-share breakfast=20-25 --meal-share lunch=30-35 --format json \
        > /dev/null || st=$?
    [ "$st" -eq 0 ] || [ "$st" -eq 3 ] || exit 1
    i=$((i + 1))
done
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" -v runs="$runs" -v n="$N" -v audit="$audit_s" 'BEGIN {
    per = (b - a) / runs
    printf "check once per school (%d runs)     %.1f ms a school; %d schools %.1f s = %.1f x the audit\n",
           runs, per * 1000, n, per * n, per * n / audit }'
