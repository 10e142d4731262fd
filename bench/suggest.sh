#!/bin/sh
# suggest.sh BIN DB - time of `mealcheck suggest` on a generated school menu
# (bench/gen-audit.sh: 4 weeks x 5 days x breakfast and lunch x 4 dishes,
# a 200-recipe book) for 3 age groups, on the first 1, 2 and 4 weeks, to
# show how the time grows with the number of dishes.
#
# The generated dishes are random SR28 foods (salt among them), which no
# real norm set accepts, so the bench writes its own: the menu's period
# average of energy, protein, calcium and vitamin C is measured first, and
# the three groups need 15-30 % more calcium and 20-35 % more vitamin C
# than the menu gives, every day (judged each day and on the average), with
# energy and protein kept near what it is.  Skimmed milk (01085) and
# oranges (09200) may be added: the solver must find and prove a change.
# Run by `make bench`; figures go to stdout.
set -eu
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir "$dir/norms"

sh bench/gen-audit.sh "$dir" 1 > /dev/null
menu=$(ls "$dir"/menus/*.csv | head -1)

# A norm set of one group and the given rows (group,age_min,...,note).
norms() { # id judge rows...
    id=$1 judge=$2
    shift 2
    {
        printf '#id: %s\n#title: mealcheck bench\n#issuer: mealcheck bench\n' "$id"
        printf '#legal_ref: none\n#source_url: https://example.org/bench\n'
        printf '#effective_from: 2010-01-01\n#per: day\n#judge: %s\n' "$judge"
        printf '#tolerance_pct: 0\n#coverage_min_pct: 50\n'
        echo "group,age_min,age_max,sex,nutrient,kind,value,unit,meal,effective_from,effective_to,rule,verified,tolerance_pct,source_url,note"
        for row in "$@"; do echo "$row"; done
    } > "$dir/norms/$id.csv"
}

# The menu's period average of each nutrient (check --format json).
norms bench_base week_average \
    "all,7,18,any,energy_kcal,min,0,kcal,,,,r,yes,,," "all,7,18,any,protein_g,min,0,g,,,,r,yes,,," \
    "all,7,18,any,calcium_mg,min,0,mg,,,,r,yes,,," "all,7,18,any,vit_c_mg,min,0,mg,,,,r,yes,,,"
MEALCHECK_STANDARDS="$dir/norms" "$BIN" --db "$DB" check --recipes "$dir/recipes.csv" \
    --menu "$menu" --standard bench_base --group 7-18 --format json > "$dir/base.json" || true
avg=$(sed 's/{"nutrient":"/\n/g' "$dir/base.json" |
      awk -F'"average":\\{"value":' 'NR > 1 { split($1, a, "\""); split($2, b, ","); printf "%s=%s ", a[1], b[1] }')
eval "$avg"
rows=$(awk -v e="$energy_kcal" -v p="$protein_g" -v c="$calcium_mg" -v v="$vit_c_mg" 'BEGIN {
    n = split("7 10 1.15 1.20;11 14 1.20 1.25;15 18 1.30 1.35", g, ";")
    for (i = 1; i <= n; i++) {
        split(g[i], x, " ")
        id = "g_" x[1] "_" x[2]
        printf "%s,%s,%s,any,energy_kcal,min,%.0f,kcal,,,,r,yes,,,\n", id, x[1], x[2], 0.6 * e
        printf "%s,%s,%s,any,energy_kcal,max,%.0f,kcal,,,,r,yes,,,\n", id, x[1], x[2], 1.8 * e
        printf "%s,%s,%s,any,protein_g,min,%.1f,g,,,,r,yes,,,\n", id, x[1], x[2], 0.7 * p
        printf "%s,%s,%s,any,calcium_mg,min,%.0f,mg,,,,r,yes,,,\n", id, x[1], x[2], x[3] * c
        printf "%s,%s,%s,any,vit_c_mg,min,%.1f,mg,,,,r,yes,,,\n", id, x[1], x[2], x[4] * v
    } }')
# shellcheck disable=SC2086
IFS='
'
set -- $rows
unset IFS
norms bench_school each_day "$@"

echo "bench/suggest.sh: 200-recipe book; 3 groups (7-10, 11-14, 15-18) of a norm set made for the menu"
echo "  (calcium +15/20/30 %, vitamin C +20/25/35 % over the menu's average, each day); +-25 %; milk and oranges may be added"
base=
for weeks in 1 2 4; do
    awk -F, -v w="$weeks" 'NR == 1 || $1 <= w' "$menu" > "$dir/menu-$weeks.csv"
    dishes=$(($(wc -l < "$dir/menu-$weeks.csv") - 1))
    st=0
    MEALCHECK_STANDARDS="$dir/norms" /usr/bin/time -f "%e %M" -o "$dir/time.txt" \
        "$BIN" --db "$DB" suggest --recipes "$dir/recipes.csv" --menu "$dir/menu-$weeks.csv" \
        --standard bench_school --group 7-10 --group 11-14 --group 15-18 \
        --add 01085=200 --add 09200=150 --format json > "$dir/out.json" || st=$?
    if [ "$st" -ne 0 ]; then
        echo "bench/suggest.sh: suggest exited $st on $weeks week(s): no change found" >&2
        cat "$dir/time.txt" "$dir/out.json" >&2
        exit 1
    fi
    read -r secs rss <<EOT
$(tail -1 "$dir/time.txt")
EOT
    base=${base:-$secs}
    awk -v w="$weeks" -v d="$dishes" -v s="$secs" -v b="$base" -v rss="$rss" \
        -v n="$(grep -o '"kind":"[a-z]*"' "$dir/out.json" | wc -l)" \
        -v out="$(grep -o '"feasible":[a-z]*' "$dir/out.json")" \
        -v opt="$(grep -o '"optimal":[a-z]*' "$dir/out.json")" \
        -v model="$(grep -o '"rows":[0-9]*,"columns":[0-9]*' "$dir/out.json")" '
        BEGIN { printf "suggest, %d week(s), %3d dishes   wall %5.2f s (x%.1f of 1 week)  peak RSS %.1f MB  %s %s %s, %d changes\n",
                       w, d, s, (b > 0 ? s / b : 1), rss / 1024, model, out, opt, n }'
done
