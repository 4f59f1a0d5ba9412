#!/usr/bin/env bash
# The worked example of docs/own-data.md, at a size CI runs in seconds: a configuration and its
# propensities made by repro itself, the configuration exported as a LAMMPS text dump (numeric
# types, shuffled ids), then descriptors → imbalance → select on the files, as for data from
# elsewhere; then `repro analyze` on two such samples. Checks: the dump gives the same features as
# the XYZ file, bit for bit; the selection names its features; the named column equals the indexed
# one; the analysis writes its values, figures and a report whose checks pass.
#   bash examples/own-data/run.sh [WORKDIR]     (REPRO=path/to/repro overrides the release binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
repro=${REPRO:-.build/release/repro}
work=${1:-$(mktemp -d)}
mkdir -p "$work"
fail() { echo "own-data example: $*" >&2; exit 1; }
trap 'echo "own-data example: a step failed; its log is in $work" >&2' ERR

# 1. A configuration and its iso-configurational propensities (N = 400, T = 0.6).
"$repro" simulate --n 400 --temperature 0.6 --window-sweeps 200 --max-swap-sweeps 4000 --sweeps 200 --seed 1 \
    --out "$work/conf.xyz" > "$work/simulate.log" 2>&1
"$repro" dynamics --from "$work/conf.xyz" --temperature 0.6 --sweeps 400 --times 40,400 --runs 4 --seed 2 \
    --out "$work/dyn" > "$work/dynamics.log" 2>&1

# 2. The same configuration as a LAMMPS dump, as another code would write it.
python3 examples/own-data/xyz2lammps.py "$work/conf.xyz" "$work/conf.dump" --seed 7

# 3. Features from either file (R_N below half of this small box).
"$repro" descriptors "$work/conf.xyz" --radius 8 --out "$work/xyz/features.npy" > /dev/null
"$repro" descriptors "$work/conf.dump" --model models/ternary2d.toml --radius 8 --out "$work/dump/features.npy" > /dev/null
cmp -s "$work/xyz/features.npy" "$work/dump/features.npy" || fail "features from the dump differ from those of the XYZ file"
cmp -s "$work/xyz/species.npy" "$work/dump/species.npy" || fail "species from the dump differ from those of the XYZ file"

# 4. Information imbalance between one named feature and one named propensity column …
"$repro" imbalance "$work/dump/features.npy:theta_bar(l=2.0)" "$work/dyn/p.npy:p_t400" > "$work/imbalance.txt"
"$repro" imbalance "$work/dump/features.npy:43" "$work/dyn/p.npy:1" > "$work/imbalance-index.txt"
diff -q <(cut -d' ' -f1-3 "$work/imbalance.txt") <(cut -d' ' -f1-3 "$work/imbalance-index.txt") > /dev/null \
    || fail "a column by name and by index gave different Δ"

# 5. … and the supervised selection of three features against p at the longest time.
"$repro" select --features "$work/dump/features.npy" --target "$work/dyn/p.npy:p_t400" --max-d 3 > "$work/select.tsv"
first=$(awk -F'\t' '$1 == "1" { print $3 }' "$work/select.tsv")
grep -qF "\"$first\"" "$work/dump/features.names.json" || fail "the selection's first feature '$first' is not a feature name"
cat "$work/imbalance.txt" "$work/select.tsv"

# 6. The whole analysis on two configurations (the dump above and a second sample as extended
#    XYZ), each with its named propensity column: features, Δ, selections, regression with
#    leave-one-configuration-out, Figs. 4–9 and a checked report (exit 1 if a check fails).
"$repro" simulate --n 400 --temperature 0.6 --window-sweeps 200 --max-swap-sweeps 4000 --sweeps 200 --seed 3 \
    --out "$work/conf2.xyz" > "$work/simulate2.log" 2>&1
"$repro" dynamics --from "$work/conf2.xyz" --temperature 0.6 --sweeps 400 --times 40,400 --runs 4 --seed 4 \
    --out "$work/dyn2" > "$work/dynamics2.log" 2>&1
"$repro" analyze --configurations "$work/conf.dump" "$work/conf2.xyz" --propensity "$work/dyn/p.npy:p_t400" "$work/dyn2/p.npy:p_t400" \
    --model models/ternary2d.toml --name own-data-example --cache "$work/cache" > "$work/analyze.log" 2>&1
for f in results/own-data-example/values.json report/build/own-data-example/report.html figures/own-data-example/fig05_supervised.png; do
    [ -s "$f" ] || fail "repro analyze did not write $f"
done
tail -n 3 "$work/analyze.log"
echo "own-data example: OK (files in $work)"
