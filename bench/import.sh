#!/usr/bin/env bash
# 10,000 hosts through rampart import (ssh-config and CSV): cold, warm, and the unchanged re-import.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
dotnet build src/Rampart.Daemon -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/Rampart.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
python3 bench/import_bench.py artifacts/bin/Rampart.Daemon/release/rampart-daemon.dll artifacts/bin/Rampart.Cli/release/rampart "$@"
