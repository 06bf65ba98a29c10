#!/usr/bin/env bash
# `oppdrag eval` must agree with the reference scorer ../shared/tools/score.py:
# on the seeds' extraction output, and on predictions made by perturbing the
# gold records at random (dropped, duplicated and edited records and fields).
# Fails when any figure differs by more than 1e-9 or a field is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=../shared
target=${CARGO_TARGET_DIR:-target}
# OPPDRAG_BIN: use an already built binary instead of building a release one.
bin=${OPPDRAG_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin oppdrag
  bin=$target/release/oppdrag
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

compare() { # name predictions.jsonl
  python3 "$shared/tools/score.py" "$shared/gold" "$2" --json >"$work/py.json"
  "$bin" eval --gold "$shared/gold" "$2" --json >"$work/rs.json"
  python3 - "$1" "$work/py.json" "$work/rs.json" <<'PY'
import json, sys
name, a, b = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
bad = [k for k in sorted(set(a) | set(b)) if k not in a or k not in b
       or set(a[k]) != set(b[k]) or any(abs(a[k][f] - b[k][f]) > 1e-9 for f in a[k])]
for k in bad: print(f"{name}: {k}: score.py {a.get(k)} oppdrag {b.get(k)}")
sys.exit(1 if bad else 0)
PY
}

status=0
"$bin" extract "$shared"/corpus/seeds/*.txt >"$work/seeds.jsonl" 2>"$work/extract.err" || true
compare seeds "$work/seeds.jsonl" || status=1
"$bin" eval --gold "$shared/gold" "$work/seeds.jsonl" --misses 0 >"$work/rs.txt"
python3 "$shared/tools/score.py" "$shared/gold" "$work/seeds.jsonl" >"$work/py.txt"
diff -u "$work/py.txt" "$work/rs.txt" || { echo "seeds: text output differs"; status=1; }
echo "seeds: $(wc -l <"$work/seeds.jsonl") records; $(tail -n 1 "$work/rs.txt")"

# Documents given directly: eval runs the pipeline itself.
"$bin" extract "$shared"/corpus/pdf >"$work/pdf.jsonl" 2>/dev/null || true
python3 "$shared/tools/score.py" "$shared/gold" "$work/pdf.jsonl" >"$work/py-pdf.txt"
"$bin" eval --gold "$shared/gold" "$shared"/corpus/pdf --misses 0 >"$work/rs-pdf.txt" 2>/dev/null || true
diff -u "$work/py-pdf.txt" "$work/rs-pdf.txt" || { echo "pdf: eval on documents differs from score.py on extract output"; status=1; }
echo "pdf: $(tail -n 1 "$work/rs-pdf.txt")"

for seed in 1 2 3 4 5 6 7 8; do
  python3 - "$shared/gold" "$seed" >"$work/p$seed.jsonl" <<'PY'
import json, os, random, sys
gold, rng = sys.argv[1], random.Random(int(sys.argv[2]))
def mutate(v):
    if isinstance(v, str):
        r = rng.random()
        if r < .3: return v.upper()
        if r < .5: return v[: max(0, len(v) - rng.randint(1, 5))]
        if r < .6: return v + rng.choice([" ", ".", " x", "-"])
        if r < .7 and len(v) >= 10 and v[4] == "-": return v[:8] + "%02d" % rng.randint(1, 28)
        return v
    if isinstance(v, bool) or v is None: return v
    if isinstance(v, (int, float)): return rng.choice([v, float(v), v + 0.5, v * 1000, -v, v + 2.5])
    if isinstance(v, list):
        v = [mutate(x) if rng.random() < .3 else x for x in v if rng.random() > .15]
        if v and rng.random() < .2: v.append(rng.choice(v))
        return v
    if isinstance(v, dict):
        return {k: (mutate(x) if rng.random() < .25 and k not in ("type",) else x)
                for k, x in v.items() if k in ("type", "doc") or rng.random() > .05}
    return v
for name in sorted(os.listdir(gold)):
    if not name.endswith(".jsonl"): continue
    for line in open(os.path.join(gold, name), encoding="utf-8"):
        if not line.strip() or rng.random() < .08: continue
        r = json.loads(line)
        if rng.random() < .5: r = mutate(r)
        if rng.random() < .3: r["doc"] = r["doc"].rsplit(".", 1)[0] + rng.choice([".pdf", ".PDF", ".txt", ".pdf.txt"])
        print(json.dumps(r, ensure_ascii=rng.random() < .5))
        if rng.random() < .05: print(json.dumps(r))
PY
  compare "perturbed-$seed" "$work/p$seed.jsonl" || status=1
done
[ "$status" = 0 ] && echo "eval agrees with score.py on the seeds and 8 perturbed predictions"
exit $status
