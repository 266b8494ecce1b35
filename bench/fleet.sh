#!/usr/bin/env bash
# `echo ok` on N ssh hosts on loopback (default 100 and 1000): Rampart cold and warm beside pssh, pssh through
# ControlMasters, pdsh, clush and ansible, in one run. Wall time and peak memory per tool; see bench/fleet.py.
#   bench/fleet.sh [N ...] [--runs R] [--parallel P] [--pss] [--tools pssh,pssh-cm,pdsh,clush,ansible,ansible-cp,rampart]
# Run as root. fleet.py stops every process it started and removes its temp dir, also on Ctrl-C.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

if [ "$(id -u)" -ne 0 ]; then
  echo "fleet.sh: run as root (it starts sshd and logs in as a user rampart-bench it creates)" >&2
  exit 1
fi

# The peers, from Debian's packages, only when one is missing.
need=()
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
command -v parallel-ssh >/dev/null 2>&1 || need+=(pssh)
command -v pdsh >/dev/null 2>&1 || need+=(pdsh)
command -v clush >/dev/null 2>&1 || need+=(clustershell)
command -v ansible >/dev/null 2>&1 || need+=(ansible)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "fleet.sh: installing ${need[*]}" >&2
  apt-get update -qq </dev/null >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" </dev/null >/dev/null
fi

# One descriptor per ssh pipe and socket in flight; go as high as this machine's hard limit allows.
ulimit -n 65536 2>/dev/null || {
  ulimit -n "$(ulimit -Hn)"
  echo "fleet.sh: open files limited to $(ulimit -n) here (hard limit), not 65536" >&2
}

if [ ! -x artifacts/bin/Rampart.Cli/release/rampart ] || [ ! -f artifacts/bin/Rampart.Daemon/release/rampart-daemon.dll ]; then
  echo "fleet.sh: no Release build of Rampart: run ./rampart (or dotnet build -c Release) first;" \
    "running the peers only" >&2
fi

exec python3 bench/fleet.py "$@" </dev/null
