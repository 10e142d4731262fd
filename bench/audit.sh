#!/bin/sh
# audit.sh BIN DB - a national audit measured side by side (issue 19).
#
# For AUDIT_SIZES schools (default 7000 and 28000; bench/gen-audit.sh: a
# 4-week menu per school, 5 days x breakfast and lunch x 4 dishes, 3 age
# groups, two norm sets, one 200-recipe book, in build/bench-audit/N):
#   - mealcheck audit, roll-up workbook + JSON, on every core;
#   - the pandas + openpyxl script an analyst would write instead
#     (bench/audit_pandas.py), whose per-school results must agree with
#     mealcheck's to 1e-9 (bench/audit_compare.py: the bench fails if not);
#   - the parse-and-sum floor (bench/floor.c: parse every menu row, sum
#     per-day nutrient vectors; one thread);
# mealcheck and the floor: the fastest of three runs.  Then the check phase on
# 1 and 2 threads (the fastest of three runs each) and loading a 56,000-school manifest (bench/phases.c),
# peak memory of the audit at 1,000 schools, each size and 56,000 (before
# and after with BASE), and per-school workbooks for the first AUDIT_PER_SCHOOL schools (default
# 500), extrapolated to 7,000.  With BASE=path/to/an/older/mealcheck, its
# audit (the fastest of three runs) and per-school workbooks (one run) are
# timed beside, and the table gives before/after.
# At 7,000 schools the JSON, the roll-up's sheets and the content of three
# schools' workbooks are compared with bench/audit-7000.sums, written by
# mealcheck before the work on its speed: the figures are of the same
# results.  The JSON and the roll-up name the manifest as given,
# build/bench-audit/7000/schools.csv: the sums hold for that path (run from
# the source folder), which the bench always uses.
#
# Run by `make bench` (which builds FLOOR and PHASES); figures go to stdout,
# a table of ratios at the end.  Needs python3-pandas and python3-openpyxl
# (installed when missing and run as root; else the pandas figures are
# skipped).
set -eu
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
FLOOR=${FLOOR:-build/bench-floor}
PHASES=${PHASES:-build/bench-phases}
SIZES=${AUDIT_SIZES:-7000 28000}
PER_SCHOOL=${AUDIT_PER_SCHOOL:-500}
BASE=${BASE:-}
PY=/usr/bin/python3
DATE=2026-09-01
top=build/bench-audit
SUMS=bench/audit-7000.sums

if ! $PY -c 'import pandas, openpyxl' 2>/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            python3-pandas python3-openpyxl >/dev/null
    else
        echo "bench/audit.sh: no pandas baseline: needs python3-pandas and python3-openpyxl"
        PY=
    fi
fi

# timed LABEL OUT CMD...: run CMD with stdout to OUT under /usr/bin/time;
# sets $wall (s), $cpu (user + system s) and $rss (MB).  Exit 3, 4, 6 and 7
# of an audit are verdicts.
timed() {
    label=$1 out=$2
    shift 2
    st=0
    /usr/bin/time -f '%e %M %U %S' -o "$top/time.txt" "$@" > "$out" 2> "$top/err.txt" || st=$?
    if [ "$st" -ne 0 ] && [ "$st" -ne 3 ] && [ "$st" -ne 4 ] && [ "$st" -ne 6 ] &&
       [ "$st" -ne 7 ]; then
        echo "bench/audit.sh: $label failed (exit $st):" >&2
        cat "$top/err.txt" >&2
        exit 1
    fi
    read -r wall kb user sys <<EOF
$(tail -n 1 "$top/time.txt")
EOF
    rss=$(awk -v kb="$kb" 'BEGIN { printf "%.0f", kb / 1024 }')
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

# best LABEL OUT CMD...: timed, three times; the fastest run (a warm page
# cache for every program, less noise from other processes on a shared
# machine: its load moves one run by a fifth).
best() {
    timed "$@"
    bw=$wall br=$rss bc=$cpu
    for _ in 2 3; do
        timed "$@"
        if awk -v a="$wall" -v b="$bw" 'BEGIN { exit !(a < b) }'; then
            bw=$wall br=$rss bc=$cpu
        fi
    done
    wall=$bw rss=$br cpu=$bc
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# The content of a workbook, without its document properties.
xlsx_sum() { unzip -p "$1" 'xl/*' | sha256sum | cut -d' ' -f1; }

mkdir -p "$top"
echo "bench/audit.sh: $(nproc) cores; sizes: $SIZES schools"
table=
before=
for n in $SIZES; do
    dir=$top/$n
    rm -rf "$dir"
    sh bench/gen-audit.sh "$dir" "$n"
    sync # the generated files written back before anything is timed
    best "mealcheck audit" "$dir/mealcheck.json" "$BIN" --db "$DB" audit \
        "$dir/schools.csv" --recipes "$dir/recipes.csv" --date "$DATE" --format json \
        -o "$dir/rollup.xlsx"
    mc=$wall mc_rss=$rss mc_cpu=$cpu
    echo "$n schools: mealcheck audit (roll-up + JSON)   wall $mc s  cpu $cpu s  peak RSS $mc_rss MB"
    if [ -n "$BASE" ]; then
        best "before" /dev/null "$BASE" --db "$DB" audit "$dir/schools.csv" \
            --recipes "$dir/recipes.csv" --date "$DATE" --format json -o "$dir/rollup-base.xlsx"
        echo "$n schools: before ($BASE)   wall $wall s  cpu $cpu s  peak RSS $rss MB:" \
             "x$(ratio "$wall" "$mc") wall, x$(ratio "$cpu" "$mc_cpu") CPU"
        before="$before$n $wall $cpu $mc $mc_cpu
"
    fi
    best "floor" "$dir/floor.txt" "$FLOOR" "$dir/schools.csv" "$dir/recipes.csv" "$DB"
    floor=$wall floor_cpu=$cpu
    echo "$n schools: parse-and-sum floor (1 thread)   wall $floor s  cpu $cpu s  peak RSS $rss MB"
    pd=- pd_cpu=-
    if [ -n "$PY" ]; then
        timed "pandas" /dev/null $PY bench/audit_pandas.py "$dir/schools.csv" \
            "$dir/recipes.csv" "$DB" standards "$dir/pandas.xlsx" "$dir/pandas.json"
        pd=$wall pd_cpu=$cpu
        echo "$n schools: pandas + openpyxl script          wall $pd s  cpu $cpu s  peak RSS $rss MB"
        $PY bench/audit_compare.py "$dir/pandas.json" "$dir/mealcheck.json"
    fi
    if [ "$n" = 7000 ] && [ -f "$SUMS" ]; then
        json=$(sha256sum < "$dir/mealcheck.json" | cut -d' ' -f1)
        roll=$(xlsx_sum "$dir/rollup.xlsx")
        grep -qx "json $json" "$SUMS" && grep -qx "rollup $roll" "$SUMS" || {
            echo "bench/audit.sh: the JSON or the roll-up at 7000 schools differs from $SUMS" >&2
            exit 1
        }
        echo "7000 schools: JSON and roll-up identical to the results before ($SUMS)"
    fi
    table="$table$n $mc $pd $floor $mc_rss $mc_cpu $pd_cpu $floor_cpu
"
    [ -n "${mc_first:-}" ] || mc_first=$mc cpu_first=$mc_cpu
    mc_last=$mc cpu_last=$mc_cpu
done

# The check phase alone (books, menus, checks; no output) on 1 and 2
# threads, alternately, the fastest of three runs each.
n1=$(echo "$SIZES" | cut -d' ' -f1)
phase() { "$PHASES" check "$top/$n1/schools.csv" "$top/$n1/recipes.csv" "$DB" "$1" | awk '{ print $(NF-1) }'; }
j1=9999 j2=9999
for _ in 1 2 3; do
    t=$(phase 1); j1=$(awk -v a="$j1" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
    t=$(phase 2); j2=$(awk -v a="$j2" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
done
echo "$n1 schools: check phase --jobs 1 $j1 s, --jobs 2 $j2 s: x$(ratio "$j1" "$j2")"
# Threads that never wait on each other: a wait for a lock, a connection or
# the allocator would be a voluntary context switch.  Other processes
# taking a core show as the CPU share below 200 %.
/usr/bin/time -f '%w %P' -o "$top/time.txt" "$PHASES" check "$top/$n1/schools.csv" \
    "$top/$n1/recipes.csv" "$DB" 2 > /dev/null
read -r waits share < "$top/time.txt"
echo "$n1 schools: check phase --jobs 2: $waits voluntary context switches, CPU $share (200% = both cores busy)"

# Loading a manifest of 56,000 schools (the largest one twice, ids renamed;
# beside it, so that its menus are found for the audit of memory below).
nl=$(echo "$SIZES" | awk '{ print $NF }')
awk -F, -v k=$((56000 / nl)) 'NR == 1 { print; next }
    { for (i = 0; i < k; i++) { r = $0; sub(/^S/, "S" i "_", r); print r } }' \
    "$top/$nl/schools.csv" > "$top/$nl/schools-56k.csv"
man=$("$PHASES" manifest "$top/$nl/schools-56k.csv")
scan=$("$PHASES" scan "$top/$nl/schools-56k.csv")
echo "$man" | awk '{ printf "manifest of %d schools loaded in %.3f s\n", $2, $4 }'
echo "$scan" | awk '{ printf "manifest of %d schools scanned (the audit: checked, kept on disk) in %.3f s\n", $2, $4 }'

# Peak memory against the number of schools: the audit (roll-up + JSON) of
# the first 1,000 schools, of each size, and of the 56,000-school manifest;
# the manifest alone loaded (bench/phases.c) beside, as the web server holds it.
head -n 1001 "$top/$n1/schools.csv" > "$top/$n1/first-1000.csv"
rss_table=
for m in "$top/$n1/first-1000.csv" $(for n in $SIZES; do echo "$top/$n/schools.csv"; done) \
         "$top/$nl/schools-56k.csv"; do
    recipes=$top/$nl/recipes.csv
    schools=$(($(wc -l < "$m") - 1))
    timed "memory" /dev/null "$BIN" --db "$DB" audit "$m" --recipes "$recipes" \
        --date "$DATE" --format json -o "$top/rss.xlsx"
    after=$rss
    timed "manifest" /dev/null "$PHASES" manifest "$m"
    man_rss=$rss
    base_rss=-
    if [ -n "$BASE" ]; then
        timed "memory before" /dev/null "$BASE" --db "$DB" audit "$m" --recipes "$recipes" \
            --date "$DATE" --format json -o "$top/rss.xlsx"
        base_rss=$rss
    fi
    echo "$schools schools: peak RSS $after MB (before: $base_rss MB; the manifest alone $man_rss MB)"
    rss_table="$rss_table$schools $after $base_rss $man_rss
"
done

# Per-school workbooks: the first PER_SCHOOL schools of the first size.
dir=$top/$n1
head -n $((PER_SCHOOL + 1)) "$dir/schools.csv" > "$dir/some.csv"
rm -rf "$dir/reports"
timed "per-school" /dev/null "$BIN" --db "$DB" audit "$dir/some.csv" \
    --recipes "$dir/recipes.csv" --date "$DATE" --format json --per-school "$dir/reports"
ps_wall=$wall ps_cpu=$cpu ps_rss=$rss
mb=$(du -sm "$dir/reports" | cut -f1)
count=$(ls "$dir/reports" | wc -l)
if [ -n "$BASE" ]; then
    rm -rf "$dir/reports-base"
    timed "per-school before" /dev/null "$BASE" --db "$DB" audit "$dir/some.csv" \
        --recipes "$dir/recipes.csv" --date "$DATE" --format json --per-school "$dir/reports-base"
    base_ps_wall=$wall base_ps_cpu=$cpu
    base_mb=$(du -sm "$dir/reports-base" | cut -f1)
    rm -rf "$dir/reports-base"
fi
rss=$ps_rss
awk -v w="$ps_wall" -v c="$ps_cpu" -v n="$count" -v mb="$mb" -v rss="$rss" 'BEGIN {
    printf "per-school workbooks: %d in %.1f s (cpu %.1f s): %.1f workbooks/s, %.1f MB/s (%.2f MB each), " \
           "peak RSS %s MB; 7000: about %.0f s\n", n, w, c, n / w, mb / w, mb / n, rss, 7000 * w / n }'
if [ -n "$PY" ] && [ -f "$SUMS" ] && [ "$n1" = 7000 ]; then
    $PY bench/school_digest.py "$dir/reports/S00000.xlsx" "$dir/reports/S00001.xlsx" \
        "$dir/reports/S00002.xlsx" | sed 's/^/school /' > "$dir/digest.txt"
    grep -F -x -f "$dir/digest.txt" "$SUMS" | cmp -s - "$dir/digest.txt" || {
        echo "bench/audit.sh: per-school workbooks differ from $SUMS" >&2
        exit 1
    }
    echo "per-school workbooks: 3 schools' sheets identical to before (Recipes and Data quality: the school's cards)"
fi

# The same schools one `check` process each: the first 100, extrapolated.
runs=100
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
    case $st in 0|3|6|7) ;; *) exit 1 ;; esac
    i=$((i + 1))
done
end=$(date +%s.%N)
check_each=$(awk -v a="$start" -v b="$end" -v runs="$runs" -v n="$n1" \
                 'BEGIN { printf "%.1f", (b - a) / runs * n }')

echo
echo "audit, side by side: seconds of wall time (and of CPU, which other processes"
echo "on the machine disturb less); pandas/mc: how many times faster mealcheck is;"
echo "mc/floor: how many times the floor's time it takes"
printf '%8s %15s %15s %13s %13s %13s %7s\n' schools "mealcheck" "pandas" "floor" \
    "pandas/mc" "mc/floor" "RSS MB"
echo "$table" | while read -r n mc pd floor r mcc pdc flc; do
    [ -n "$n" ] || continue
    pr=- prc=-
    [ "$pd" = - ] || { pr=$(ratio "$pd" "$mc"); prc=$(ratio "$pdc" "$mcc"); }
    printf '%8s %6s (%6s) %6s (%6s) %5s (%5s) %5s (%5s) %5s (%5s) %7s\n' "$n" "$mc" "$mcc" \
        "$pd" "$pdc" "$floor" "$flc" "$pr" "$prc" "$(ratio "$mc" "$floor")" \
        "$(ratio "$mcc" "$flc")" "$r"
done
if [ "$n1" != "$nl" ]; then
    echo "time $nl / $n1 schools: $(ratio "$mc_last" "$mc_first") (CPU $(ratio "$cpu_last" "$cpu_first"); linear: $(ratio "$nl" "$n1"))"
fi
echo "check phase, --jobs 2 against --jobs 1: x$(ratio "$j1" "$j2")"
echo "peak RSS (MB) of the audit by schools, and its growth from the first size;"
echo "the manifest loaded whole beside (serve --audit; the audit does not hold it)"
printf '%8s %8s %8s %8s %8s\n' schools after before growth manifest
echo "$rss_table" | awk 'NF { if (!a0) a0 = $2
    printf "%8s %8s %8s %8s %8s\n", $1, $2, $3, "+" ($2 - a0), $4 }'
echo "$man" | awk '{ printf "manifest, %d schools: %.3f s loaded, ", $2, $4 }'
echo "$scan" | awk '{ printf "%.3f s scanned\n", $4 }'
awk -v w="$ps_wall" -v c="$ps_cpu" -v n="$count" -v mb="$mb" -v cores="$(nproc)" 'BEGIN {
    printf "per-school workbooks: %.1f/s, %.1f MB/s; 7000 in about %.0f s (%.0f s on %d idle cores: %.3f CPU-s each)\n",
           n / w, mb / w, 7000 * w / n, 7000 * c / n / cores, cores, c / n }'
echo "check once per school: $n1 schools about $check_each s = x$(ratio "$check_each" "$mc_first") the audit"
if [ -n "$BASE" ]; then
    echo
    echo "before ($BASE) and after, side by side: seconds of wall time and of CPU"
    printf '%8s %15s %15s %13s\n' schools before after before/after
    echo "$before" | while read -r n bw bc aw ac; do
        [ -n "$n" ] || continue
        printf '%8s %6s (%6s) %6s (%6s) %5s (%5s)\n' "$n" "$bw" "$bc" "$aw" "$ac" \
            "$(ratio "$bw" "$aw")" "$(ratio "$bc" "$ac")"
    done
    awk -v bw="$base_ps_wall" -v bc="$base_ps_cpu" -v aw="$ps_wall" -v ac="$ps_cpu" \
        -v n="$count" -v bmb="$base_mb" -v amb="$mb" 'BEGIN {
        printf "per-school workbooks (%d): before %.1f s (cpu %.3f s each, %d MB), after %.1f s " \
               "(cpu %.3f s each, %d MB): x%.2f wall, x%.2f CPU\n", n, bw, bc / n, bmb, aw,
               ac / n, amb, bw / aw, bc / ac }'
fi
