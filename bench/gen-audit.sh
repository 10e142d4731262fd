#!/bin/sh
# gen-audit.sh DIR N - write a national-scale audit into DIR: a 200-recipe
# book (recipes.csv, real SR28 foods), N school menus (menus/NNNNN.csv, each
# 4 weeks x 5 days x breakfast and lunch x 4 dishes) and the manifest
# schools.csv (N schools in 60 districts, 3 age groups, two norm sets).
#
#   sh bench/gen-audit.sh build/bench-audit 7000
#
# Every menu differs (dishes rotate by school), so nothing is shared but the
# book: the worst case for an audit, which loads each menu.
set -eu
if [ $# -ne 2 ]; then
    echo "usage: sh bench/gen-audit.sh DIR N" >&2
    exit 2
fi
dir=$1
n=$2
mkdir -p "$dir/menus"
exec awk -v dir="$dir" -v n="$n" '
BEGIN {
    if (n !~ /^[0-9]+$/ || n < 1) { print "gen-audit.sh: N must be a positive integer" > "/dev/stderr"; exit 2 }
    nf = split("01009 01012 01056 01077 01123 01145 02047 04060 05011 08120 09003 " \
               "09011 09150 11080 11124 11205 11215 11282 11352 11529 13293 14411 " \
               "15066 16085 17001 18069 19335 20009 20031 20044 20081 20109", food, " ")
    book = dir "/recipes.csv"
    print "recipe,servings,yield_g,food,net_g" > book
    for (r = 0; r < 200; r++) {
        printf "Блюдо школьное %03d,10,%d,%s,%d\n", r, 1500 + (r * 37) % 1000,
               food[1 + r % nf], 200 + (r * 13) % 300 > book
        for (k = 1; k < 4; k++)
            printf ",,,%s,%d\n", food[1 + (r * 7 + k * 5) % nf], 50 + (r * k * 11) % 400 > book
    }
    close(book)
    split("Mon Tue Wed Thu Fri", day, " ")
    manifest = dir "/schools.csv"
    print "school_id,school_name,district,region,menu,groups,standards,meal_shares" > manifest
    for (s = 0; s < n; s++) {
        menu = sprintf("menus/%05d.csv", s)
        f = dir "/" menu
        print "week,day,meal,dish,portion_g" > f
        for (w = 1; w <= 4; w++)
            for (d = 1; d <= 5; d++)
                for (m = 0; m < 2; m++) {
                    base = (s * 7 + w * 31 + d * 13 + m * 101) % 200
                    for (k = 0; k < 4; k++)  # 50 apart: never twice in a meal
                        printf "%d,%s,%s,Блюдо школьное %03d,%d\n", w, day[d],
                               m ? "lunch" : "breakfast", (base + k * 50) % 200,
                               150 + (s + k * 17 + d) % 100 > f
                }
        close(f)
        printf "S%05d,School %d,District %02d,Region %d,%s,7-11;12-14;15-18," \
               "ru_sanpin_3590_20;us_dri,breakfast=20-25;lunch=30-35\n",
               s, s, s % 60, s % 60 / 20, menu > manifest
    }
}'
