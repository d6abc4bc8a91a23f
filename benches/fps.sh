#!/usr/bin/env bash
# Frames per second of the release app panning with the middle button under Xvfb and Mesa's
# software OpenGL (llvmpipe), the measurement of issue 22: the empty board and the scenes of
# 200, 2,000 and 10,000 boxes that Excalidraw was timed on (../shared/tools/contracts.d/scene_board.py),
# each measured by ../shared/tools/fps (read its header; needs xvfb, xdotool and Mesa).
#
# usage: benches/fps.sh [SECONDS] [SIZES...]     (default: 6 s; empty 200 2000 10000; TOOLS=dir)
# Besides the median and lowest frame rate it prints the app's CPU time per frame over 4 s of the
# pan, which other work on the machine does not change the way it changes the frame rate.
set -euo pipefail
secs=${1:-6}
shift || true
sizes=("$@")
((${#sizes[@]})) || sizes=(empty 200 2000 10000)
cd "$(dirname "$0")/.."
# The team's tools sit beside the checkout (../shared/tools), or beside its worktree folder.
tools=${TOOLS:-}
for t in ../shared/tools ../../shared/tools; do
  [[ -z $tools && -x $t/fps ]] && tools=$(realpath "$t")
done
[[ -n $tools ]] || { echo "fps.sh: ../shared/tools/fps not found (set TOOLS=...)" >&2; exit 2; }
cargo build --release --quiet
bin=$(realpath "${CARGO_TARGET_DIR:-target}/release/archboard")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

printf '| scene | median fps | min fps | CPU ms a frame |\n|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  args=()
  if [[ $n != empty ]]; then
    python3 "$tools/contracts.d/scene_board.py" "$n" "$scratch/s$n.ron"
    args=("$scratch/s$n.ron")
  fi
  # A fresh data folder: no recent files, no recovery prompt, default settings.
  XDG_DATA_HOME=$scratch XDG_CONFIG_HOME=$scratch \
    "$tools/fps" "$scratch/$n.csv" "$secs" drag -- "$bin" "${args[@]}" >"$scratch/$n.out" 2>&1 &
  tool=$!
  # The tool gives the app 5 s to open; sample its CPU time over 4 s of the pan.
  sleep 6
  pid=$(pgrep -n -f "^$bin" || true)
  t0=$( [[ -n $pid ]] && awk '{ print $14 + $15 }' "/proc/$pid/stat" || echo 0)
  sleep 4
  t1=$( [[ -n $pid && -e /proc/$pid/stat ]] && awk '{ print $14 + $15 }' "/proc/$pid/stat" || echo 0)
  wait "$tool" || true
  python3 - "$n" "$scratch/$n.out" "$t0" "$t1" <<'PY'
import re, sys
n, out, t0, t1 = sys.argv[1], open(sys.argv[2]).read(), float(sys.argv[3]), float(sys.argv[4])
m = re.search(r"median fps ([0-9.]+), min fps ([0-9.]+)", out)
if not m:
    print(f"| {n} | no frames recorded | | |")
    sys.exit()
median, low = float(m.group(1)), float(m.group(2))
cpu = (t1 - t0) / 100.0  # clock ticks
per_frame = f"{cpu * 1000 / (median * 4):.0f}" if median > 0 and cpu > 0 else "?"
print(f"| {n} | {median:.1f} | {low:.1f} | {per_frame} |")
PY
done
printf '\nload average while measuring: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
