#!/usr/bin/env bash
# Speed of the PDF layer against pdftotext, side by side in one run, on the
# same files, single-threaded: every file is read by `oppdrag -j 1 text` and
# by `pdftotext`, one process per file each (so both pay their start-up),
# ROUNDS times, alternating. Prints pages per second of CPU time (user+sys of
# the child processes) and of wall time, and the ratio.
# usage: .ci/bench-pdf.sh [DIR_OR_PDF...]   (default: ../shared/corpus/pdf ../shared/corpus/real-pdf)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/oppdrag
[ $# -gt 0 ] || set -- ../shared/corpus/pdf ../shared/corpus/real-pdf
ROUNDS=${ROUNDS:-5} RAYON_NUM_THREADS=1 python3 - "$BIN" "$@" <<'PY'
import os, re, resource, subprocess, sys, time
binary, paths = sys.argv[1], sys.argv[2:]
files = []
for p in paths:
    if os.path.isdir(p):
        files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.lower().endswith('.pdf'))
    else:
        files.append(p)
def pages(f):
    out = subprocess.run(['pdfinfo', f], capture_output=True, text=True).stdout
    m = re.search(r'^Pages:\s+(\d+)', out, re.M)
    return int(m.group(1)) if m else 0
# Image-only files are left out: pdftotext prints nothing for them, oppdrag an error.
files = [f for f in files if subprocess.run(['pdftotext', f, '-'], capture_output=True).stdout.strip()]
total_pages = sum(pages(f) for f in files)
tools = {
    'pdftotext': lambda f: ['pdftotext', f, os.devnull],
    'oppdrag text': lambda f: [binary, '-j', '1', 'text', f],
}
cpu = {k: 0.0 for k in tools}; wall = {k: 0.0 for k in tools}
rounds = int(os.environ.get('ROUNDS', '5'))
for _ in range(rounds):
    for name, cmd in tools.items():
        for f in files:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd(f), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            wall[name] += time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name] += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
n = total_pages * rounds
print(f"{len(files)} files, {total_pages} pages, {rounds} rounds, one process per file, single-threaded")
for name in tools:
    print(f"  {name:13} {n / cpu[name]:8.0f} pages/s CPU   {n / wall[name]:8.0f} pages/s wall")
print(f"  oppdrag / pdftotext: {cpu['pdftotext'] / cpu['oppdrag text']:.2f}x (CPU)   {wall['pdftotext'] / wall['oppdrag text']:.2f}x (wall)")
PY
