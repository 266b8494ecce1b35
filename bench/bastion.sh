#!/usr/bin/env bash
# The bastion's costs beside plain OpenSSH, in one run: the `--osh info --json` round trip, the added cost of an
# egress command through the gateway compared with a direct ssh to the same target, and bulk output through both.
#   bench/bastion.sh [--runs N] [--entry native|dotnet|both]
# Run as root: it installs a throwaway front door (own port, own config dir), creates OS accounts prefixed rbn and
# a target user rampart-bench, and removes what it created at the end. See bench/bastion.py.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

if [ "$(id -u)" -ne 0 ]; then
  echo "bastion.sh: run as root (the front door's accounts are OS users)" >&2
  exit 1
fi

need=()
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "bastion.sh: installing ${need[*]}" >&2
  apt-get update -qq </dev/null >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" </dev/null >/dev/null
fi

# Builds Rampart (and the native entry program) when sources changed.
./rampart --version >/dev/null
exec python3 bench/bastion.py "$@"
