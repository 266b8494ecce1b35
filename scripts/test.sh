#!/usr/bin/env bash
# Runs Rampart's whole test suite on a fresh Debian machine as root: installs what the tests need, builds, tests,
# and ends with one summary line "N passed, N failed".
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

# System packages the tests drive for real (OpenSSH as test targets, python3 for client replays, sudo for nested shells).
needed=()
command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || needed+=(openssh-server)
command -v ssh >/dev/null 2>&1 || needed+=(openssh-client)
command -v python3 >/dev/null 2>&1 || needed+=(python3)
# Nested shells for another user go through sudo -n.
command -v sudo >/dev/null 2>&1 || needed+=(sudo)
# Bastion recordings must play in the real asciinema player.
command -v asciinema >/dev/null 2>&1 || needed+=(asciinema)
# Ansible is driven through the bastion front door, as teams run it through The Bastion.
[ -x /usr/bin/ansible ] || needed+=(ansible-core)
# rsync through the bastion runs the real rsync on both ends.
command -v rsync >/dev/null 2>&1 || needed+=(rsync)
if [ "${#needed[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: please install ${needed[*]} (or run as root)" >&2
    exit 1
  fi
  echo "test.sh: installing ${needed[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is needed ('dotnet' is not on PATH)" >&2
  exit 1
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build Rampart.slnx -c Release --nologo -v quiet -clp:ErrorsOnly
# The entry program and the CLI as users run them: native when the machine can build them.
scripts/publish-native.sh

status=0
dotnet test Rampart.slnx -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1500000 || status=$?

# One closing line that any CI reader understands, summed over every test project.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY

if [ "$status" -eq 0 ] && ! ls "$results"/*.trx >/dev/null 2>&1; then
  echo "test.sh: no test results were written" >&2
  status=1
fi
exit "$status"
