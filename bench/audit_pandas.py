#!/usr/bin/python3
"""audit_pandas.py - the audit as a nutrition-centre analyst would script it
with pandas + openpyxl: the baseline `make bench` times mealcheck against.

    python3 bench/audit_pandas.py MANIFEST RECIPES DB STANDARDS_DIR OUT.xlsx OUT.json

Reads the same manifest, recipe book (recipe,servings,yield_g,food,net_g as
bench/gen-audit.sh writes it), every school's menu and the same SQLite food
table; computes each school's period average (mean of its days) of every
nutrient, vectorised, and from it the school's % of the binding sodium
maximum of us_dri (the lowest maximum of the age bands each group spans,
the worst group), which is the worst bound of every school of the generated
audit (bench/audit_compare.py checks that).  Writes a per-school roll-up
workbook with openpyxl and the per-school figures as JSON.
"""
import json
import os
import sqlite3
import sys

import numpy as np
import pandas as pd


def main(manifest, recipes, db, standards, out_xlsx, out_json):
    schools = pd.read_csv(manifest, dtype=str, keep_default_na=False)
    base = os.path.dirname(manifest)

    # Foods: per 100 g, one column per nutrient key.
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    nut = pd.read_sql_query(
        "SELECT d.food_id, n.key, d.value FROM nut_data d "
        "JOIN nutrient n ON n.nr = d.nr WHERE n.key IS NOT NULL", con)
    con.close()
    per100 = nut.pivot_table(index="food_id", columns="key", values="value",
                             aggfunc="first")

    # Recipes: a card's first row names it; its total over net grams.
    book = pd.read_csv(recipes, dtype={"food": str})
    book["recipe"] = book["recipe"].ffill()
    book["yield_g"] = book.groupby("recipe")["yield_g"].transform("first")
    ing = per100.reindex(book["food"]).to_numpy() * (book["net_g"].to_numpy()[:, None] / 100.0)
    total = pd.DataFrame(ing, columns=per100.columns).groupby(book["recipe"].to_numpy()).sum(min_count=1)
    yield_g = book.groupby("recipe")["yield_g"].first()
    per_gram = total.div(yield_g.reindex(total.index), axis=0)

    # Menus: every row's nutrients, summed per day, averaged per school.
    menus = pd.concat(
        [pd.read_csv(os.path.join(base, m), usecols=["week", "day", "dish", "portion_g"])
         .assign(school=i) for i, m in enumerate(schools["menu"])],
        ignore_index=True)
    rows = per_gram.reindex(menus["dish"]).to_numpy() * menus["portion_g"].to_numpy()[:, None]
    rows = pd.DataFrame(rows, columns=per_gram.columns)
    rows["school"], rows["week"], rows["day"] = menus["school"], menus["week"], menus["day"]
    days = rows.groupby(["school", "week", "day"], sort=False).sum()
    avg = days.groupby(level="school", sort=False).mean()

    # Sodium against us_dri, as check judges a whole-day norm for a menu of
    # some meals: per group, the highest minimum and the lowest maximum of
    # the age bands it spans, times the sum of the meals' minimum (maximum)
    # shares; a violated bound fails when its row is verified, else it is
    # advisory; the worst is the highest verdict, then the farthest from 100 %.
    norms = pd.read_csv(os.path.join(standards, "us_dri.csv"), comment="#")
    na = norms[norms["nutrient"] == "sodium_mg"]
    value = avg["sodium_mg"].to_numpy()
    best_rank = np.full(len(schools), -1)
    pct = np.full(len(schools), np.nan)
    for (groups, shares), idx in schools.groupby(["groups", "meal_shares"]).indices.items():
        bounds = [tuple(float(x) for x in s.split("=")[1].split("-")) for s in shares.split(";") if s]
        lo_share = sum(b[0] for b in bounds) / 100.0 if bounds else 1.0
        hi_share = sum(b[1] for b in bounds) / 100.0 if bounds else 1.0
        v = value[idx]
        for g in groups.split(";"):
            a, b = (int(x) for x in g.split("-"))
            bands = na[(na["age_min"] <= b) & (na["age_max"] >= a)]
            mins, maxs = bands[bands["kind"] == "min"], bands[bands["kind"] == "max"]
            lo_row = mins.loc[mins["value"].idxmax()] if len(mins) else None
            hi_row = maxs.loc[maxs["value"].idxmin()] if len(maxs) else None
            lo = lo_row["value"] * lo_share if lo_row is not None else np.nan
            hi = hi_row["value"] * hi_share if hi_row is not None else np.nan
            high, low = v > hi, v < lo
            ref = np.where(high | np.isnan(lo), hi, lo)
            p = 100.0 * v / ref
            bad_rank = lambda row: 4 if row is not None and row["verified"] == "yes" else 3
            rank = np.where(high, bad_rank(hi_row), np.where(low, bad_rank(lo_row), 2))
            cur = best_rank[idx]
            better = (rank > cur) | ((rank == cur) & (np.abs(p - 100) > np.abs(pct[idx] - 100)))
            best_rank[idx] = np.where(better, rank, cur)
            pct[idx] = np.where(better, p, pct[idx])

    out = pd.DataFrame({"school_id": schools["school_id"], "district": schools["district"],
                        "energy_kcal": avg["energy_kcal"].to_numpy(),
                        "sodium_mg": avg["sodium_mg"].to_numpy(),
                        "sodium_pct_of_norm": pct})
    with pd.ExcelWriter(out_xlsx, engine="openpyxl") as xw:
        out.to_excel(xw, sheet_name="Schools", index=False)
        out.groupby("district")["sodium_pct_of_norm"].median().to_excel(xw, sheet_name="Districts")
    with open(out_json, "w") as f:
        json.dump({"schools": [{"id": i, "sodium_pct_of_norm": p}
                               for i, p in zip(out["school_id"], out["sodium_pct_of_norm"])],
                   "sodium_median_pct_of_norm": float(out["sodium_pct_of_norm"].median()),
                   "sodium_worst_pct_of_norm": float(out["sodium_pct_of_norm"].max())}, f)


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    main(*sys.argv[1:])
