#!/bin/sh
# suggest.sh BIN DB - time of `mealcheck suggest` on a generated school menu
# (bench/gen-audit.sh: 4 weeks x 5 days x breakfast and lunch x 4 dishes,
# a 200-recipe book) for 3 age groups of the US DRIs, on the first 1, 2 and
# 4 weeks, to show how the time grows with the number of dishes.
# Run by `make bench`; figures go to stdout.
set -eu
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM

sh bench/gen-audit.sh "$dir" 1 > /dev/null
menu=$(ls "$dir"/menus/*.csv | head -1)
echo "bench/suggest.sh: 200-recipe book; us_dri, groups 4-8, 9-13, 14-18; +-25 %, skimmed milk may be added"
base=
for weeks in 1 2 4; do
    awk -F, -v w="$weeks" 'NR == 1 || $1 <= w' "$menu" > "$dir/menu-$weeks.csv"
    dishes=$(($(wc -l < "$dir/menu-$weeks.csv") - 1))
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$BIN" --db "$DB" suggest \
        --recipes "$dir/recipes.csv" --menu "$dir/menu-$weeks.csv" --standard us_dri \
        --group 4-8 --group 9-13 --group 14-18 --meal-share breakfast=20-25 \
        --meal-share lunch=30-35 --add 01085=200 --format json > "$dir/out.json" || {
        st=$?
        [ "$st" -eq 3 ] || { cat "$dir/time.txt" >&2; exit 1; }
    }
    read -r secs rss <<EOT
$(tail -1 "$dir/time.txt")
EOT
    base=${base:-$secs}
    awk -v w="$weeks" -v d="$dishes" -v s="$secs" -v b="$base" -v rss="$rss" \
        -v out="$(grep -o '"feasible":[a-z]*' "$dir/out.json")" \
        -v opt="$(grep -o '"optimal":[a-z]*' "$dir/out.json")" \
        -v model="$(grep -o '"rows":[0-9]*,"columns":[0-9]*' "$dir/out.json")" '
        BEGIN { printf "suggest, %d week(s), %3d dishes   wall %5.2f s (x%.1f of 1 week)  peak RSS %.1f MB  %s %s %s\n",
                       w, d, s, (b > 0 ? s / b : 1), rss / 1024, model, out, opt }'
done
