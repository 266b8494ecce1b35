#!/usr/bin/env bash
# Publishes rampart-osh, the bastion's entry program, as a native (ahead-of-time compiled) executable into
# artifacts/publish/rampart-osh. Every bastion login runs it twice (sshd's AuthorizedKeysCommand, then as the login
# shell), and the native build starts in a few milliseconds instead of a .NET runtime start-up each time.
# Without a native toolchain it says so and leaves the .NET build in use: `rampart bastion install` falls back to it.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/artifacts/publish/rampart-osh"
log="$root/artifacts/publish-entry.log"
mkdir -p "$root/artifacts"
# Its own artifacts path: a runtime-specific build must not overwrite the .NET build in artifacts/bin.
if dotnet publish "$root/src/Rampart.Bastion.Entry" -c Release --use-current-runtime -p:PublishAot=true \
    --artifacts-path "$root/artifacts/native" -o "$out.next" --nologo -v quiet >"$log" 2>&1 && [ -x "$out.next/rampart-osh" ]; then
  rm -rf "$out"
  mv "$out.next" "$out"
else
  rm -rf "$out.next"
  echo "publish-entry: no native rampart-osh (see $log); the bastion will use the .NET build" >&2
fi
exit 0
