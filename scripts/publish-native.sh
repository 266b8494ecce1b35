#!/usr/bin/env bash
# Publishes the two programs that people and sshd start over and over as native (ahead-of-time compiled)
# executables into artifacts/publish/: rampart-osh, the bastion's entry program, which every bastion login starts
# twice (AuthorizedKeysCommand, then the login shell), and the `rampart` CLI, which scripts call in loops. Native,
# each starts in milliseconds instead of paying a .NET runtime start-up.
# Without a native toolchain it says so and removes any older native copy, so the .NET builds are used.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
mkdir -p "$root/artifacts/publish"

publish() { # PROJECT NAME
  local out="$root/artifacts/publish/$2" log="$root/artifacts/publish-$2.log"
  # Their own artifacts path: a runtime-specific build must not overwrite the .NET build in artifacts/bin.
  if dotnet publish "$root/src/$1" -c Release --use-current-runtime -p:PublishAot=true \
      --artifacts-path "$root/artifacts/native" -o "$out.next" --nologo -v quiet >"$log" 2>&1 && [ -x "$out.next/$2" ]; then
    rm -rf "$out"
    mv "$out.next" "$out"
  else
    rm -rf "$out.next" "$out"
    echo "publish-native: no native $2 (see $log); the .NET build is used instead" >&2
  fi
}

publish Rampart.Bastion.Entry rampart-osh
publish Rampart.Cli rampart
exit 0
