#!/bin/sh
# serve.sh BIN DB - load on `mealcheck serve` over loopback (127.0.0.1
# only): 200 concurrent clients of ApacheBench (apache2-utils, installed
# when missing), a bounded number of requests each run, under a time
# limit.  The server has the sample audit manifest (menus/audit) and the
# dish catalogue, so that every page is served: the files form (the old
# start page, the pages' baseline), the start page and its school search,
# a school's day, a meal built from the catalogue (page and API), food
# search; and the checks: the sample as CSV in JSON (the old check, the
# checks' baseline), as one workbook in JSON (base64) and as multipart,
# and the sheet list of that workbook.  Each line gives requests/s, the
# median and 99th percentile latency, and requests/s as a ratio of its
# baseline's; the checks once more with 4 clients, for their latency
# without a queue.  WORKBOOK is bench/workbook.c built (`make bench`).
# /today, /meal and /api/meal ask the same thing each time: after the first
# the server answers from its cache (docs/deploy.md); run with
# MEALCHECK_CACHE_ENTRIES=0 in the environment for a check every request.
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

WORKBOOK=${WORKBOOK:-build/bench-workbook}
"$WORKBOOK" "$work/caterer.xlsx" Меню menus/menu.csv Техкарты menus/recipes.csv

# Every client is 127.0.0.1: the cap per address (100 by default) would
# refuse half of them.
"$BIN" --db "$DB" serve --port 0 --threads 4 --max-per-ip 1000 \
    --audit menus/audit/schools.csv \
    --recipes menus/recipes.csv > "$work/serve.out" 2>&1 &
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

# The same check as one workbook: base64 in JSON, and multipart/form-data.
{
    printf '{"workbook_base64":"'; base64 -w0 "$work/caterer.xlsx"
    printf '","standards":["ru_sanpin_3590_20","us_dri"],"groups":["7-11"],'
    printf '"meal_shares":["breakfast=20-25","lunch=30-35"]}'
} > "$work/workbook.json"
B=mc-bench-boundary
part() { printf -- '--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' "$B" "$1" "$2"; }
{
    printf -- '--%s\r\nContent-Disposition: form-data; name="workbook"; ' "$B"
    printf 'filename="caterer.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n'
    cat "$work/caterer.xlsx"; printf '\r\n'
    part standards ru_sanpin_3590_20; part standards us_dri; part groups 7-11
    part meal_shares breakfast=20-25; part meal_shares lunch=30-35
    printf -- '--%s--\r\n' "$B"
} > "$work/workbook.multipart"
for req in "application/json $work/workbook.json /api/check" \
           "multipart/form-data;boundary=$B $work/workbook.multipart /api/check" \
           "application/octet-stream $work/caterer.xlsx /api/workbook/sheets"; do
    set -- $req
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Content-Type: $1" \
        --data-binary "@$2" "http://127.0.0.1:$port$3" 2>/dev/null || echo 0)
    if [ "$status" != 200 ] && command -v curl >/dev/null; then
        echo "bench/serve.sh: POST $3 ($1) answered $status" >&2
        exit 1
    fi
done

# load LABEL CLIENTS REQUESTS PATH [POST-FILE [CONTENT-TYPE]]: one bounded ab
# run (-l: pages differ in length, which is no failure); its requests/s is
# kept in $rps for the ratios.
load() {
    label=$1 clients=$2 n=$3 path=$4
    post=
    [ $# -ge 5 ] && post="-p $5 -T ${6:-application/json}"
    # shellcheck disable=SC2086
    timeout 120 ab -q -l -n "$n" -c "$clients" -s 30 -r $post \
        "http://127.0.0.1:$port$path" > "$work/ab.txt" 2>&1 || { cat "$work/ab.txt" >&2; exit 1; }
    rps=$(sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p' "$work/ab.txt")
    p50=$(sed -n 's/^ *50% *\([0-9]*\).*/\1/p' "$work/ab.txt")
    p99=$(sed -n 's/^ *99% *\([0-9]*\).*/\1/p' "$work/ab.txt")
    failed=$(sed -n 's/^Failed requests: *\([0-9]*\).*/\1/p' "$work/ab.txt")
    non2xx=$(sed -n 's/^Non-2xx responses: *\([0-9]*\).*/\1/p' "$work/ab.txt")
    ratio=$(awk -v a="$rps" -v b="${base:-$rps}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '%-40s %3d clients %5d requests %8.1f requests/s  p50 %5d ms  p99 %5d ms  x%s  failed %s%s\n' \
        "$label" "$clients" "$n" "$rps" "$p50" "$p99" "$ratio" "$failed" "${non2xx:+  non-2xx $non2xx}"
}

MEAL='d0=1&p0=250&d1=1&meal=lunch'
MP="multipart/form-data;boundary=$B" # no space: ab's -T is one word here
echo "bench/serve.sh: mealcheck serve, 4 worker threads, on 127.0.0.1;" \
     "xN: requests/s over the baseline's (the first line of each group)"
base=
load "GET /?form=files (old form: baseline)" "$CLIENTS" 4000 "/?form=files"; base=$rps
load "GET / (start page)" "$CLIENTS" 4000 "/"
load "GET /?q=12 (school search)" "$CLIENTS" 4000 "/?q=12"
load "GET /today (a school's day)" "$CLIENTS" 2000 "/today?school=ALM-001&date=2026-09-08"
load "GET /meal (a meal from the catalogue)" "$CLIENTS" 2000 "/meal?$MEAL"
load "GET /api/meal" "$CLIENTS" 2000 "/api/meal?$MEAL&group=7-11"
load "GET /api/foods/search?q=buckwheat" "$CLIENTS" 4000 "/api/foods/search?q=buckwheat"
base=
load "POST /api/check (CSV: baseline)" "$CLIENTS" 600 "/api/check" "$work/check.json"; base=$rps
load "POST /api/check (workbook, base64)" "$CLIENTS" 600 "/api/check" "$work/workbook.json"
load "POST /api/check (workbook, multipart)" "$CLIENTS" 600 "/api/check" \
    "$work/workbook.multipart" "$MP"
load "POST /api/workbook/sheets" "$CLIENTS" 2000 "/api/workbook/sheets" "$work/caterer.xlsx" \
    application/octet-stream
base=
load "POST /api/check (CSV: baseline)" 4 200 "/api/check" "$work/check.json"; base=$rps
load "POST /api/check (workbook, base64)" 4 200 "/api/check" "$work/workbook.json"
load "POST /api/check (workbook, multipart)" 4 200 "/api/check" "$work/workbook.multipart" "$MP"
