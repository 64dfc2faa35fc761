#!/usr/bin/env bash
# Captures the explorer on the embedded demo cluster as text screenshots (tmux capture-pane), at the
# sizes and environments the screens must work in. Usage: scripts/screenshots.sh [keys-to-send...]
set -euo pipefail
cd "$(dirname "$0")/.."
out=screenshots
mkdir -p "$out"
capture() { # name cols rows env keys...
  local name=$1 cols=$2 rows=$3 envs=$4; shift 4
  local session="podscope-shot-$$"
  tmux new-session -d -s "$session" -x "$cols" -y "$rows" "env $envs node bin/podscope.js --demo --seed 7"
  sleep 7
  for keys in "$@"; do tmux send-keys -t "$session" $keys; sleep 1.2; done
  tmux capture-pane -t "$session" -p > "$out/$name.txt"
  tmux send-keys -t "$session" q
  sleep 1
  tmux kill-session -t "$session" 2>/dev/null || true
  echo "wrote $out/$name.txt"
}
capture explorer-80x24 80 24 "LANG=C.UTF-8" "j j j j j"
capture explorer-120x40 120 40 "LANG=C.UTF-8" "j j j j j"
capture explorer-200x60 200 60 "LANG=C.UTF-8" "j j j j j"
capture explorer-80x24-ascii-nocolor 80 24 "LANG=C NO_COLOR=1" "j j j j j"
capture explorer-tree-80x24 80 24 "LANG=C.UTF-8" "j j j j j" "Tab"
capture explorer-all-namespaces-120x40 120 40 "LANG=C.UTF-8" "A"
capture help-80x24 80 24 "LANG=C.UTF-8" "?"
capture logs-80x24 80 24 "LANG=C.UTF-8" "j j j j j j j" "l"
capture debug-form-80x24 80 24 "LANG=C.UTF-8" "j j j j j j j" "d"
capture events-80x24 80 24 "LANG=C.UTF-8" "j j j j" "Tab" "Tab"
capture debug-copy-form-80x24 80 24 "LANG=C.UTF-8" "j j j j j" "Escape" "Escape" "Escape" "Escape" "d"
