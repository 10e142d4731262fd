#!/usr/bin/python3
"""audit_compare.py PANDAS.json MEALCHECK.json - fail loudly unless the
pandas baseline (bench/audit_pandas.py) and `mealcheck audit --format json`
agree, to 1e-9 relative, on every school's worst % of norm (the sodium
bound of us_dri in the generated audit: a school whose worst is another
bound is a disagreement too) and on sodium's median and worst over schools.
"""
import json
import math
import sys

TOL = 1e-9


def close(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=TOL, abs_tol=0.0)


def main(pandas_json, mealcheck_json):
    p = json.load(open(pandas_json))
    m = json.load(open(mealcheck_json))
    bad = []
    if len(p["schools"]) != len(m["schools"]):
        bad.append(f"{len(p['schools'])} schools in the baseline, {len(m['schools'])} in mealcheck's")
    for ps, ms in zip(p["schools"], m["schools"]):
        w = ms.get("worst") or {}
        if ps["id"] != ms["id"]:
            bad.append(f"school {ps['id']} of the baseline is {ms['id']} in mealcheck's")
        elif (w.get("nutrient"), w.get("standard"), w.get("meal")) != ("sodium_mg", "us_dri", None):
            bad.append(f"school {ms['id']}: mealcheck's worst bound is {w}, not us_dri sodium")
        elif not close(ps["sodium_pct_of_norm"], w["pct_of_norm"]):
            bad.append(f"school {ms['id']}: sodium {ps['sodium_pct_of_norm']!r} % of norm in the "
                       f"baseline, {w['pct_of_norm']!r} in mealcheck's")
    na = [n for n in m["nutrients"] if n["nutrient"] == "sodium_mg"]
    for key in ("median_pct_of_norm", "worst_pct_of_norm"):
        if not na or not close(p["sodium_" + key], na[0][key]):
            bad.append(f"sodium {key}: {p['sodium_' + key]!r} in the baseline, "
                       f"{na[0][key] if na else None!r} in mealcheck's")
    if bad:
        print(f"audit_compare.py: the pandas baseline and mealcheck DISAGREE ({len(bad)}):",
              file=sys.stderr)
        for line in bad[:20]:
            print("  " + line, file=sys.stderr)
        sys.exit(1)
    print(f"pandas baseline and mealcheck agree on {len(m['schools'])} schools "
          f"(worst % of norm, sodium median and worst) to {TOL:g} relative")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
