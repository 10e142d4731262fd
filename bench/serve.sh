#!/bin/sh
# serve.sh BIN DB - load on `mealcheck serve` over loopback (127.0.0.1
# only): 200 concurrent clients of ApacheBench (apache2-utils, installed
# when missing), a bounded number of requests each run, under a time
# limit.  Reports requests/s and the 99th percentile latency of the page,
# food search and a whole check of the sample menu (POST /api/check); the
# check once more with 4 clients, for its latency without a queue.
# Run by `make bench`; figures go to stdout.
set -eu
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
CLIENTS=200
work=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

if ! command -v ab >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            apache2-utils >/dev/null
    else
        echo "bench/serve.sh: skipped: needs ab (apt-get install apache2-utils)"
        exit 0
    fi
fi

"$BIN" --db "$DB" serve --port 0 --threads 4 > "$work/serve.out" 2>&1 &
pid=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$work/serve.out")
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then cat "$work/serve.out" >&2; exit 1; fi

# The sample check as POST /api/check wants it (JSON strings escaped by sed).
json_string() {
    printf '"'
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/$/\\n/' "$1" | tr -d '\n'
    printf '"'
}
{
    printf '{"recipes":'; json_string menus/recipes.csv
    printf ',"menu":'; json_string menus/menu.csv
    printf ',"standards":["ru_sanpin_3590_20","us_dri"],"groups":["7-11"],'
    printf '"meal_shares":["breakfast=20-25","lunch=30-35"]}'
} > "$work/check.json"
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$work/check.json" "http://127.0.0.1:$port/api/check" 2>/dev/null || echo 0)
if [ "$status" != 200 ] && command -v curl >/dev/null; then
    echo "bench/serve.sh: POST /api/check answered $status" >&2
    exit 1
fi

# load LABEL CLIENTS REQUESTS PATH [POST-FILE]: one bounded ab run.
load() {
    label=$1 clients=$2 n=$3 path=$4
    post=
    [ $# -ge 5 ] && post="-p $5 -T application/json"
    # shellcheck disable=SC2086
    timeout 120 ab -q -n "$n" -c "$clients" -s 30 -r $post \
        "http://127.0.0.1:$port$path" > "$work/ab.txt" 2>&1 || { cat "$work/ab.txt" >&2; exit 1; }
    rps=$(sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p' "$work/ab.txt")
    p99=$(sed -n 's/^ *99% *\([0-9]*\).*/\1/p' "$work/ab.txt")
    failed=$(sed -n 's/^Failed requests: *\([0-9]*\).*/\1/p' "$work/ab.txt")
    non2xx=$(sed -n 's/^Non-2xx responses: *\([0-9]*\).*/\1/p' "$work/ab.txt")
    printf '%-34s %3d clients %5d requests %8.1f requests/s  p99 %5d ms  failed %s%s\n' \
        "$label" "$clients" "$n" "$rps" "$p99" "$failed" "${non2xx:+  non-2xx $non2xx}"
}

echo "bench/serve.sh: mealcheck serve, 4 worker threads, on 127.0.0.1"
load "GET / (the form)" "$CLIENTS" 4000 "/"
load "GET /api/foods/search?q=buckwheat" "$CLIENTS" 4000 "/api/foods/search?q=buckwheat"
load "POST /api/check (sample, 2 sets)" "$CLIENTS" 600 "/api/check" "$work/check.json"
load "POST /api/check (sample, 2 sets)" 4 200 "/api/check" "$work/check.json"
