#!/usr/bin/env bash
# Start to first frame: launches the release app RUNS times in a virtual X display and times how
# long its window takes to appear. eframe keeps the window hidden until the first frame has been
# painted, so the moment it is mapped is the moment the first frame is on screen.
#
# usage: benches/startup.sh [RUNS] [FILE]     (needs Xvfb and xdotool: see ../shared/tools/look)
set -euo pipefail
runs=${1:-10}
file=${2:-}
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/archboard
display=:$((600 + RANDOM % 300))
scratch=$(mktemp -d)
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb; rm -rf "$scratch"' EXIT
until DISPLAY=$display xdotool getmouselocation >/dev/null 2>&1; do sleep 0.05; done

for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  # A fresh data folder: no recent files, no recovery prompt.
  DISPLAY=$display XDG_DATA_HOME=$scratch XDG_CONFIG_HOME=$scratch "$bin" $file >/dev/null 2>&1 &
  pid=$!
  until DISPLAY=$display xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; do sleep 0.002; done
  end=$(date +%s%N)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo $(((end - start) / 1000000))
done | sort -n | awk '{ t[NR] = $1 } END { printf "start to first frame: min %d ms, median %d ms, max %d ms (%d runs)\n", t[1], t[int((NR + 1) / 2)], t[NR], NR }'
