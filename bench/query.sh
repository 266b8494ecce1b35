#!/usr/bin/env bash
# connection/query over 1,000 / 10,000 / 100,000 entries through HTTP against a real daemon (Release build).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
[ "$#" -gt 0 ] || set -- 1000 10000 100000
dotnet build src/Rampart.Daemon -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build bench/Rampart.Bench.Query -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet artifacts/bin/Rampart.Bench.Query/release/Rampart.Bench.Query.dll \
  artifacts/bin/Rampart.Daemon/release/rampart-daemon.dll "$@"
