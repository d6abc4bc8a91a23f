#!/usr/bin/env bash
# Start to first frame, and resident memory once settled, of the release app in a virtual X
# display. eframe keeps the window hidden until the first frame has been painted, so the moment
# the window is mapped is the moment the first frame is on screen.
#
# usage: benches/startup.sh [RUNS] [FILE]     (needs Xvfb and xdotool: see ../shared/tools/look)
# Under Xvfb, GL is Mesa's software renderer (llvmpipe), which adds its own memory and time.
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

times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  # A fresh data folder: no recent files, no recovery prompt.
  DISPLAY=$display XDG_DATA_HOME=$scratch XDG_CONFIG_HOME=$scratch "$bin" $file >/dev/null 2>&1 &
  pid=$!
  until DISPLAY=$display xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; do sleep 0.002; done
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
  sleep 2
  rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done
printf '%s\n' "${times[@]}" | sort -n | awk -v rss="$rss" '{ t[NR] = $1 } END {
  printf "start to first frame: min %d ms, median %d ms, max %d ms (%d runs); resident after 2 s: %d MiB\n",
    t[1], t[int((NR + 1) / 2)], t[NR], NR, rss }'
