# Shared by scripts/servers/*: argument checks, waiting for a server, stopping it by its pid file.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

fail() { echo "Fout: $*" >&2; exit 1; }

# data_dir DIR: create DIR and print its absolute path
data_dir() { mkdir -p "$1" && (cd "$1" && pwd); }

# wait_for_http URL SECONDS PID LOG: until URL answers 2xx; fails (with the log) when PID dies or time runs out
wait_for_http() {
  local url=$1 seconds=$2 pid=$3 log=$4 deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$url" 2> /dev/null; then
      return 0
    fi
    kill -0 "$pid" 2> /dev/null || fail "de server is gestopt tijdens het starten; zie $log:
$(tail -20 "$log")"
    sleep 0.3
  done
  fail "de server antwoordde niet binnen $seconds s op $url; zie $log"
}

# wait_gone PID SECONDS: wait until PID has exited; kill it when it does not stop in time
wait_gone() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2> /dev/null; do
    if ((SECONDS >= deadline)); then
      echo "Let op: proces $pid stopt niet netjes; het wordt beëindigd." >&2
      kill -9 "$pid" 2> /dev/null || true
      return
    fi
    sleep 0.2
  done
}
