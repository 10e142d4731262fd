#!/bin/sh
# bench/db.sh BIN DB - the food database: import time, size, search latency,
# peak memory.  Run by `make bench`; prints one "name: value" line per figure.
#
# Import: a forced rebuild of SR28 + local foods into a scratch file beside
# DB (the same file system, as a real build).  Search and show: N runs of
# the CLI, so each figure includes process start and opening the database,
# which is what a user waits for.
set -e
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
N=${N:-100}
TIME=/usr/bin/time
dir=$(dirname "$DB")
scratch=$(mktemp "$dir/bench-db.XXXXXX")
trap 'rm -f "$scratch" "$scratch.time"' EXIT

now() { date +%s.%N; }

# field NAME FILE: a value from /usr/bin/time -v output
field() { sed -n "s/^[[:space:]]*$1: //p" "$2"; }

echo "== food database ($DB)"
$TIME -v "$BIN" db build -o "$scratch" --force >/dev/null 2>"$scratch.time"
echo "import wall time (forced rebuild): $(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$scratch.time")"
echo "import peak RSS: $(field 'Maximum resident set size (kbytes)' "$scratch.time") kB"
echo "database size: $(stat -c %s "$scratch") bytes"

t0=$(now)
"$BIN" db build -o "$scratch" >/dev/null
t1=$(now)
echo "unchanged rebuild (skipped): $(echo "$t0 $t1" | awk '{printf "%.1f ms", ($2 - $1) * 1000}')"

# latency LABEL ARGS...: mean wall time of N runs
latency() {
    label=$1
    shift
    t0=$(now)
    i=0
    while [ $i -lt "$N" ]; do
        "$BIN" --db "$DB" "$@" >/dev/null
        i=$((i + 1))
    done
    t1=$(now)
    echo "$label: $(echo "$t0 $t1 $N" | awk '{printf "%.2f ms", ($2 - $1) * 1000 / $3}') per run ($N runs)"
}

latency "search 'buckwheat groats'" foods search buckwheat groats
latency "search with typos 'buckwhet grots'" foods search buckwhet grots
latency "show 01001 (150 nutrients)" foods show 01001

$TIME -v "$BIN" --db "$DB" foods search buckwhet grots >/dev/null 2>"$scratch.time"
echo "search peak RSS: $(field 'Maximum resident set size (kbytes)' "$scratch.time") kB"
