#!/usr/bin/env python3
"""The bastion beside plain OpenSSH, in one run, all on loopback:

  * `ssh ACCOUNT@gw -- --json --osh info`: a front-door login that runs one plugin (sshd, AuthorizedKeysCommand,
    the entry program, the daemon's socket), beside a direct `ssh target true`, which is the floor of any ssh login;
  * `ssh ACCOUNT@gw -- user@target -p P -- true`: an egress command through the gateway (front door, access
    decision, session agent, the daemon's own ssh to the target, recording), beside the direct `ssh target true`;
  * bulk output (`head -c 64M /dev/zero`) read through the gateway and directly;
  * a 64 MiB file uploaded with scp directly and through the gateway (the `--osh scp` wrapper script, legacy scp
    protocol, beside a direct `scp -O` so both speak the same protocol).

Prints medians (milliseconds) and ratios. Usage: bastion.py [--runs N] [--entry native|dotnet|both]
Needs root and a Release build (bench/bastion.sh builds it). Everything it creates is removed at the end."""
import argparse, base64, glob, gzip, json, os, secrets, shutil, socket, statistics, subprocess, sys, tempfile, time
from benchlib import free_port, stop_all

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = f"{ROOT}/artifacts/bin/Rampart.Cli/release/rampart"
DAEMON = f"{ROOT}/artifacts/bin/Rampart.Daemon/release/rampart-daemon"
NATIVE_ENTRY = f"{ROOT}/artifacts/publish/rampart-osh"
DOTNET_ENTRY = f"{ROOT}/artifacts/bin/Rampart.Bastion.Entry/release"
SSH_OPTIONS = ["-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
               "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"]
TARGET_USER = "rampart-bench"
BULK_BYTES = 64 << 20


def run(*args, env=None, stdin=None, check=True):
    result = subprocess.run(args, env=env, input=stdin, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])}...: exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def wait_for_port(port, what):
    for _ in range(400):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not start")


def median_ms(command, runs, warmup=3):
    for _ in range(warmup):
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bulk_mib_per_s(command, runs=3):
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
        elapsed = time.perf_counter() - start
        if len(out) != BULK_BYTES:
            raise RuntimeError(f"bulk read {len(out)} bytes, expected {BULK_BYTES}")
        rates.append(BULK_BYTES / (1 << 20) / elapsed)
    return statistics.median(rates)


class Bastion:
    """A throwaway front door, daemon, admin, account, group with a key, and a target sshd trusting that key."""

    def __init__(self):
        self.home = tempfile.mkdtemp(prefix="rampart-bench-bastion-")
        os.chmod(self.home, 0o755)  # accounts reach the daemon's socket through it
        self.lib = "/usr/local/lib/rampart-bench-" + secrets.token_hex(4)
        self.procs = []
        self.accounts = []

    def __enter__(self):
        try:
            return self._setup()
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def _setup(self):
        h = self.home
        self.gw_port, api_port, self.target_port = free_port(), free_port(), free_port()
        self.cli_env = dict(os.environ, RAMPART_URL=f"http://127.0.0.1:{api_port}", RAMPART_AUTH_FILE=f"{h}/auth")
        run(CLI, "bastion", "install", "--port", str(self.gw_port), "--listen-address", "127.0.0.1", "--config-dir", f"{h}/etc",
            "--lib-dir", self.lib, "--socket", f"{h}/run/osh.sock", "--name", "bench-bastion",
            "--egress-keys-from", "127.0.0.1", "--bastion-command", f"ssh ACCOUNT@127.0.0.1 -p {self.gw_port} -t --", env=self.cli_env)
        self.procs.append(subprocess.Popen([DAEMON, "--listen", f"127.0.0.1:{api_port}", "--data-dir", f"{h}/data", "--auth-file", f"{h}/auth",
                                            "--bastion-config", f"{h}/etc/bastion.conf"],
                                           env=dict(os.environ, Logging__LogLevel__Default="Warning"), stdout=subprocess.DEVNULL))
        for _ in range(600):
            if os.path.exists(f"{h}/auth") and os.path.getsize(f"{h}/auth") > 0:
                break
            time.sleep(0.05)
        self.procs.append(subprocess.Popen([CLI, "bastion", "serve", "--config-dir", f"{h}/etc"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for_port(self.gw_port, "the front door")

        for name in ("admin", "account", "client", "host"):
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"bench-{name}", "-f", f"{h}/{name}")
        self.admin = self._new_account_name()
        run(CLI, "bastion", "bootstrap-admin", self.admin, "--key", f"{h}/admin.pub", env=self.cli_env)
        self.account = self._new_account_name()
        public_key = open(f"{h}/account.pub").read().strip()
        self.osh(self.admin, "admin", f'--osh accountCreate --account {self.account} --uid-auto --public-key "{public_key}"')
        group = "rbng" + secrets.token_hex(3)
        created = self.osh(self.admin, "admin", f"--json-greppable --osh groupCreate --group {group} --algo ed25519 --owner {self.admin}")
        envelope = next(line for line in created.splitlines() if line.startswith("JSON_OUTPUT="))
        group_key = json.loads(envelope[len("JSON_OUTPUT="):])["value"]["public_key"]["line"]  # from="127.0.0.1" ssh-ed25519 ...

        # The target: its own sshd that trusts the bench's client key (direct runs) and the group's egress key.
        if run("id", TARGET_USER, check=False).returncode != 0:
            run("useradd", "-m", "-s", "/bin/sh", TARGET_USER)
        run("usermod", "-p", "*", TARGET_USER)
        with open(f"{h}/authorized_keys", "w") as f:
            f.write(open(f"{h}/client.pub").read() + group_key + "\n")
        os.chmod(f"{h}/authorized_keys", 0o644)
        with open(f"{h}/sshd_config", "w") as f:
            f.write(f"Port {self.target_port}\nListenAddress 127.0.0.1\nHostKey {h}/host\nAuthorizedKeysFile {h}/authorized_keys\n"
                    f"PidFile {h}/target.pid\nPasswordAuthentication no\nUsePAM no\nStrictModes no\nMaxStartups 100:30:200\n")
        os.makedirs("/run/sshd", exist_ok=True)
        self.procs.append(subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", f"{h}/sshd_config"], stderr=subprocess.DEVNULL))
        wait_for_port(self.target_port, "the target sshd")
        self.osh(self.admin, "admin", f"--osh groupAddServer --group {group} --host 127.0.0.1 --port {self.target_port} --user {TARGET_USER} --force")
        self.osh(self.admin, "admin", f"--osh groupAddMember --group {group} --account {self.account}")
        self.osh(self.admin, "admin", f"--osh groupAddServer --group {group} --host 127.0.0.1 --port {self.target_port} --protocol scpupload")
        # The account's scp wrapper, installed the way --osh scp tells users to.
        answer = self.osh(self.account, "account", "--json-greppable --osh scp")
        script = json.loads(next(l for l in answer.splitlines() if l.startswith("JSON_OUTPUT="))[len("JSON_OUTPUT="):])["value"]["script"]
        self.scp_wrapper = f"{h}/scp-via-bastion"
        with open(self.scp_wrapper, "wb") as f:
            f.write(gzip.decompress(base64.b64decode(script)))
        os.chmod(self.scp_wrapper, 0o755)
        return self

    def _new_account_name(self):
        name = "rbn" + secrets.token_hex(3)
        self.accounts.append(name)
        return name

    def front_door(self, account, key):
        return ["ssh", *SSH_OPTIONS, "-i", f"{self.home}/{key}", "-p", str(self.gw_port), "-T", f"{account}@127.0.0.1", "--"]

    def osh(self, account, key, command):
        return run(*self.front_door(account, key), command).stdout

    def direct(self):
        return ["ssh", *SSH_OPTIONS, "-i", f"{self.home}/client", "-p", str(self.target_port), "-T", f"{TARGET_USER}@127.0.0.1"]

    def egress(self, command):
        return self.front_door(self.account, "account") + [f"{TARGET_USER}@127.0.0.1 -p {self.target_port} -- {command}"]

    def scp_direct(self, source):
        return ["scp", "-q", "-O", *SSH_OPTIONS, "-i", f"{self.home}/client", "-P", str(self.target_port), source, f"{TARGET_USER}@127.0.0.1:bench.bin"]

    def scp_gateway(self, source):
        options = [o for o in SSH_OPTIONS if o != "-F" and o != "/dev/null"]
        return [self.scp_wrapper, "-q", "-F", "/dev/null", *options, "-i", f"{self.home}/account", "-P", str(self.target_port),
                source, f"{TARGET_USER}@127.0.0.1:bench.bin"]

    def use_entry(self, directory):
        """Puts this build of rampart-osh in the installed place (the accounts' login shell keeps its path)."""
        for old in glob.glob(f"{self.lib}/*"):
            if not old.endswith("rampart-osh.conf"):
                os.remove(old)
        for new in glob.glob(f"{directory}/*"):
            if os.path.isfile(new) and not new.endswith((".pdb", ".dbg", ".xml", "rampart-osh.conf")):
                shutil.copy(new, self.lib)
                os.chmod(os.path.join(self.lib, os.path.basename(new)), 0o755)

    def recordings_bytes(self):
        return sum(os.path.getsize(p) for p in glob.glob(f"{self.home}/data/bastion/recordings/**/*.cast", recursive=True))

    def __exit__(self, *exc):
        stop_all(self.procs)
        for account in self.accounts:
            subprocess.run(["pkill", "-KILL", "-u", account], capture_output=True)
            subprocess.run(["userdel", "--force", "--remove", account], capture_output=True)
        shutil.rmtree(self.lib, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--entry", choices=("native", "dotnet", "both"), default="both")
    args = parser.parse_args()
    entries = [e for e in ("native", "dotnet") if args.entry in (e, "both")]
    if "native" in entries and not os.path.exists(f"{NATIVE_ENTRY}/rampart-osh"):
        print("bastion.py: no native rampart-osh (scripts/publish-entry.sh); measuring the .NET build only", file=sys.stderr)
        entries.remove("native")
        entries = entries or ["dotnet"]

    with Bastion() as b:
        direct = median_ms(b.direct() + ["true"], args.runs)
        rows = [("ssh target true (direct, fresh connection)", direct, None)]
        for entry in entries:
            b.use_entry(NATIVE_ENTRY if entry == "native" else DOTNET_ENTRY)
            info = median_ms(b.front_door(b.account, "account") + ["--json --osh info"], args.runs)
            egress = median_ms(b.egress("true"), args.runs)
            rows.append((f"ssh acct@gw -- --json --osh info ({entry} entry)", info, info / direct))
            rows.append((f"ssh acct@gw -- user@target -- true ({entry} entry)", egress, egress / direct))
        recorded_before = b.recordings_bytes()
        bulk_direct = bulk_mib_per_s(b.direct() + [f"head -c {BULK_BYTES} /dev/zero"])
        bulk_gateway = bulk_mib_per_s(b.egress(f"head -c {BULK_BYTES} /dev/zero"))
        recorded = (b.recordings_bytes() - recorded_before) / 3
        upload = f"{b.home}/upload.bin"
        with open(upload, "wb") as f:
            f.write(os.urandom(BULK_BYTES))
        scp_direct = BULK_BYTES / (1 << 20) / (median_ms(b.scp_direct(upload), 3, warmup=1) / 1000)
        scp_gateway = BULK_BYTES / (1 << 20) / (median_ms(b.scp_gateway(upload), 3, warmup=1) / 1000)

    print(f"median of {args.runs} timed runs after 3 warm-ups (ms), {os.cpu_count()} CPUs, loopback")
    for name, value, ratio in rows:
        print(f"  {name:<58} {value:8.1f}" + (f"   {ratio:4.2f}x direct" if ratio else ""))
    for entry in entries:
        egress = next(v for n, v, _ in rows if n.startswith("ssh acct@gw -- user@") and entry in n)
        print(f"  added cost of an egress command through the gateway ({entry} entry): {egress - direct:.1f} ms")
    print(f"bulk output, {BULK_BYTES >> 20} MiB, median of 3: direct {bulk_direct:.0f} MiB/s, through the gateway {bulk_gateway:.0f} MiB/s "
          f"({bulk_gateway / bulk_direct:.2f}x); recording {recorded / (1 << 20):.0f} MiB per session")
    print(f"scp upload, {BULK_BYTES >> 20} MiB, median of 3: direct {scp_direct:.0f} MiB/s, through the gateway {scp_gateway:.0f} MiB/s "
          f"({scp_gateway / scp_direct:.2f}x)")


if __name__ == "__main__":
    main()
