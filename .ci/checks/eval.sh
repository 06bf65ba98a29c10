#!/usr/bin/env bash
# Extraction ratchet: extracts ../shared/corpus/pdf and ../shared/corpus/seeds
# with a release build, scores both against ../shared/gold with the reference
# scorer ../shared/tools/score.py, and compares every field with the committed
# baseline .ci/baselines/eval.json. Fails when any field (F1 or accuracy)
# drops by more than 0.0005. Prints the score.py summary lines.
#
#   bash .ci/checks/eval.sh            # check
#   bash .ci/checks/eval.sh --update   # write the current figures as the baseline
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=../shared
baseline=.ci/baselines/eval.json
target=${CARGO_TARGET_DIR:-target}
# OPPDRAG_BIN: use an already built binary instead of building a release one.
bin=${OPPDRAG_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin oppdrag
  bin=$target/release/oppdrag
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for set in seeds pdf; do
  case $set in
    seeds) inputs=("$shared"/corpus/seeds/*.txt) ;;
    pdf) inputs=("$shared"/corpus/pdf/*.pdf) ;;
  esac
  # A file that fails is reported by oppdrag (exit 2) and scored as missing.
  "$bin" extract --rules rules "${inputs[@]}" >"$work/$set.jsonl" || [ $? -eq 2 ]
  python3 "$shared/tools/score.py" "$shared/gold" "$work/$set.jsonl" --json >"$work/$set.json"
  echo "$set: $(python3 "$shared/tools/score.py" "$shared/gold" "$work/$set.jsonl" | grep '^summary')"
done

python3 - "$baseline" "$work/seeds.json" "$work/pdf.json" "${1:-}" <<'PY'
import json, sys
path, seeds, pdf, mode = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
now = {"seeds": json.load(open(seeds)), "pdf": json.load(open(pdf))}
def figure(v):
    return v["f1"] if "f1" in v else v["acc"]
current = {s: {k: round(figure(v), 4) for k, v in sorted(r.items())} for s, r in now.items()}
if mode == "--update":
    json.dump(current, open(path, "w"), indent=1, sort_keys=True)
    open(path, "a").write("\n")
    print(f"wrote {path}")
    sys.exit(0)
try:
    base = json.load(open(path))
except FileNotFoundError:
    sys.exit(f"{path}: no baseline; run with --update to create it")
bad = []
for s, fields in base.items():
    for k, b in fields.items():
        c = current.get(s, {}).get(k)
        if c is None:
            bad.append(f"{s} {k}: missing (baseline {b:.4f})")
        elif c < b - 0.0005:
            bad.append(f"{s} {k}: {c:.4f} < baseline {b:.4f}")
        elif c > b + 0.0005:
            print(f"{s} {k}: {c:.4f} > baseline {b:.4f} (raise the baseline with --update)")
for line in bad:
    print("REGRESSION " + line)
sys.exit(1 if bad else 0)
PY
