#!/usr/bin/env bash
# Text-fidelity ratchet for the PDF layer: `oppdrag text` against `pdftotext`
# on ../shared/corpus/pdf and ../shared/corpus/real-pdf, scored by
# ../shared/tools/textsim.py (F1 over word multisets per file). Fails when the
# mean or the per-file minimum of a set falls below the committed baseline in
# .ci/baselines/textsim.txt, or when any file of ../shared/corpus panics.
# Image-only files (pdftotext finds no text) are listed, not scored.
# Set TEXTSIM_UPDATE=1 to write the figures reached as the new baseline.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${SHARED:-../shared}
BASELINE=.ci/baselines/textsim.txt

if ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get install -y poppler-utils || (apt-get update && apt-get install -y poppler-utils)) >/dev/null 2>&1
  fi
  command -v pdftotext >/dev/null 2>&1 || { echo "textsim: pdftotext is missing (apt-get install poppler-utils)"; exit 1; }
fi

cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/oppdrag

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
status=0
: > "$TMP/figures"
for set in pdf real-pdf; do
  mkdir -p "$TMP/ref/$set" "$TMP/out/$set"
  for f in "$SHARED/corpus/$set"/*.pdf; do
    b=$(basename "$f" .pdf)
    pdftotext "$f" "$TMP/ref/$set/$b.txt" 2>/dev/null || true
    if ! "$BIN" --no-messages text "$f" > "$TMP/out/$set/$b.txt"; then
      why=$("$BIN" text "$f" 2>&1 >/dev/null | head -1 || true)
      words=$(wc -w < "$TMP/ref/$set/$b.txt" 2>/dev/null || echo 0)
      if [ "$words" -lt 50 ]; then
        echo "  image-only (not scored): ${why#oppdrag: }"
      else
        echo "  FAILED on a file with text: ${why#oppdrag: }"
        status=1
      fi
    fi
  done
  python3 "$SHARED/tools/textsim.py" "$TMP/ref/$set" "$TMP/out/$set" -v > "$TMP/$set.sim"
  summary=$(tail -1 "$TMP/$set.sim")
  mean=$(echo "$summary" | sed -E 's/.*mean F1 ([0-9.]+).*/\1/')
  min=$(grep -E '^[0-9.]+	' "$TMP/$set.sim" | head -1 | cut -f1)
  worst=$(grep -E '^[0-9.]+	' "$TMP/$set.sim" | head -3 | awk -F'\t' '{printf "%s %s; ", $4, $1}')
  echo "$set: $summary"
  echo "  worst: $worst"
  echo "$set $mean $min" >> "$TMP/figures"
done

# Zero panics anywhere in the shared corpus (errors such as image-only are fine).
"$BIN" text "$SHARED/corpus" > /dev/null 2> "$TMP/all.err" || true
if grep -q "panicked" "$TMP/all.err"; then
  echo "textsim: a file made oppdrag panic:"; grep -m3 "panicked" "$TMP/all.err"; status=1
fi

if [ "${TEXTSIM_UPDATE:-}" = 1 ]; then
  { echo "# set mean_f1 min_f1  (textsim.py vs pdftotext; the ratchet: CI fails below these)"; cat "$TMP/figures"; } > "$BASELINE"
  echo "textsim: baseline written to $BASELINE"
fi
while read -r set mean min; do
  case "$set" in "#"*|"") continue ;; esac
  read -r _ got_mean got_min < <(grep "^$set " "$TMP/figures")
  if awk -v a="$got_mean" -v b="$mean" 'BEGIN { exit !(a + 0.00005 < b) }'; then
    echo "textsim: $set mean F1 $got_mean fell below the baseline $mean"; status=1
  fi
  if awk -v a="$got_min" -v b="$min" 'BEGIN { exit !(a + 0.0005 < b) }'; then
    echo "textsim: $set minimum F1 $got_min fell below the baseline $min"; status=1
  fi
done < "$BASELINE"
[ "$status" = 0 ] && echo "textsim: at or above the baseline ($(tr '\n' ' ' < "$BASELINE" | sed 's/^#[^)]*) //'))"
exit "$status"
