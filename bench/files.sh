#!/usr/bin/env bash
# 100 MiB written to and read from an ssh host on loopback: Rampart's /fs/* beside scp, in one run.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || { apt-get update -qq && apt-get install -y -qq openssh-server >/dev/null; }
dotnet build src/Rampart.Daemon -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
python3 bench/file_transfer.py artifacts/bin/Rampart.Daemon/release/rampart-daemon.dll "$@"
