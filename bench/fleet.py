#!/usr/bin/env python3
"""`echo ok` on N ssh hosts on loopback with Rampart and with the usual fleet tools, in one run.

Starts its own sshd processes (16 loopback ports each; one port is one "host"), throwaway keys, an OpenSSH client
config shared by every tool, and Rampart's daemon; prints for each N a table of wall time and peak memory (summed
RSS of the tool's whole process tree, sampled from /proc) and the exact commands. Everything it starts is stopped
and its temp dir removed, also on Ctrl-C. Run as root (it logs in as the user `rampart-bench`). Python stdlib only.

Usage: fleet.py [N ...] [--runs R] [--parallel P] [--pss] [--tools pssh,pssh-cm,pdsh,clush,ansible,ansible-cp,rampart]"""
import argparse, concurrent.futures, os, re, shlex, shutil, signal, socket, statistics, subprocess, sys, tempfile
import threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAEMON_DLL = f"{ROOT}/artifacts/bin/Rampart.Daemon/release/rampart-daemon.dll"
# The CLI as ./rampart runs it: native when scripts/publish-native.sh could build it.
CLI = next(p for p in (f"{ROOT}/artifacts/publish/rampart/rampart", f"{ROOT}/artifacts/bin/Rampart.Cli/release/rampart") if os.path.exists(p))
USER = "rampart-bench"
PORTS_PER_SSHD = 16  # sshd refuses more than 16 listen sockets per process
TOOLS = ["pssh", "pssh-cm", "pdsh", "clush", "ansible", "ansible-cp", "rampart"]
RUN_TIMEOUT = 900  # one tool run is killed after this many seconds and counted as failed
PAGE = os.sysconf("SC_PAGE_SIZE")
MiB = 1 << 20


def say(*parts):
    print(*parts, flush=True)


def quiet(*args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


# ---------------------------------------------------------------- /proc: process trees and their memory

def children(pid):
    """Direct children of pid, from every thread (pdsh and dotnet fork from worker threads)."""
    found = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return found


def tree(roots):
    seen, stack = set(), list(roots)
    while stack:
        pid = stack.pop()
        if pid not in seen:
            seen.add(pid)
            stack += children(pid)
    return seen


USE_PSS = False  # --pss: proportional set size, which splits shared pages (libc, libcrypto) between processes


def rss(pids):
    """Summed RSS (or PSS) of pids. Summed RSS counts shared library pages once per process, so it weighs heavily on
    tools with many processes (a thousand ssh masters); --pss gives the fairer figure at a higher sampling cost."""
    total = 0
    for pid in pids:
        try:
            if USE_PSS:
                with open(f"/proc/{pid}/smaps_rollup") as f:
                    total += next(int(line.split()[1]) for line in f if line.startswith("Pss:")) * 1024
            else:
                with open(f"/proc/{pid}/statm") as f:
                    total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError, StopIteration):
            pass  # exited between listing and reading
    return total


def pids_with(marker):
    """Processes whose command line mentions marker: ssh masters that daemonized out of their tool's tree."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != os.getpid():
            try:
                with open(f"/proc/{name}/cmdline", "rb") as f:
                    if marker.encode() in f.read():
                        found.append(int(name))
            except OSError:
                pass
    return found


class Sampler:
    """Peak of summed RSS over the trees of `roots` (re-walked every ~20 ms, so new children count) plus `held`
    (long-lived processes such as ssh masters, re-read every ~10 ticks because there can be a thousand of them),
    minus `baseline`. Sleeps at least 3x its own sampling time so that it never takes more than a quarter of a core."""

    def __init__(self, roots, held=(), baseline=0):
        self.roots, self.held, self.baseline = list(roots), list(held), baseline
        self.peak, self.stop_event = 0, threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        held_rss, tick = 0, 0
        while True:
            start = time.monotonic()
            if tick % 10 == 0:
                held_rss = rss(tree(self.held))
            self.peak = max(self.peak, rss(tree(self.roots)) + held_rss - self.baseline)
            tick += 1
            if self.stop_event.wait(max(0.02, 3 * (time.monotonic() - start))):
                return

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        self.thread.join()


# ---------------------------------------------------------------- the fleet: sshd processes, keys, configs

class Fleet:
    """sshd processes on loopback with 16 ports each, and everything the tools share. A context manager that stops
    every process it (or a tool) started and removes its temp dir."""

    def __init__(self, hosts):
        self.hosts = hosts
        self.tmp = tempfile.mkdtemp(prefix="rampart-fleet-")
        self.procs = []  # long-lived processes we started: sshd, daemons
        self.current = None  # the tool run in progress, killed on Ctrl-C

    def __enter__(self):
        tmp = self.tmp
        os.chmod(tmp, 0o755)  # sshd reads authorized_keys as the bench user
        for name in ("host", "client"):
            quiet("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "fleet-bench", "-f", f"{tmp}/{name}")
        shutil.copy(f"{tmp}/client.pub", f"{tmp}/authorized_keys")
        for name in ("client.pub", "authorized_keys", "host.pub"):
            os.chmod(f"{tmp}/{name}", 0o644)
        os.chmod(f"{tmp}/client", 0o600)
        # A user without rc files: root's .bashrc here (pyenv and the like) would add hundreds of ms to every login.
        if subprocess.run(["id", USER], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
            quiet("useradd", "-m", "-s", "/bin/sh", USER)
        quiet("usermod", "-p", "*", USER)
        os.makedirs("/run/sshd", exist_ok=True)
        self.ports = self._start_sshds()
        return self

    def _start_sshds(self):
        count = -(-self.hosts // PORTS_PER_SSHD)
        ports = free_ports(count * PORTS_PER_SSHD)
        # sshd 9.8+ penalizes sources that open many connections; all of ours come from 127.0.0.1.
        extra = "PerSourcePenalties no\n" if openssh_version() >= (9, 8) else ""
        started = []
        for k in range(count):
            mine = ports[k * PORTS_PER_SSHD:(k + 1) * PORTS_PER_SSHD]
            for attempt in range(3):
                config = f"{self.tmp}/sshd-{k}.conf"
                with open(config, "w") as f:
                    f.write("".join(f"Port {p}\n" for p in mine) + f"ListenAddress 127.0.0.1\nHostKey {self.tmp}/host\n"
                            f"AuthorizedKeysFile {self.tmp}/authorized_keys\nPidFile {self.tmp}/sshd-{k}.pid\n"
                            "MaxStartups 2000:30:4000\nMaxSessions 2000\nUsePAM no\nStrictModes no\n"
                            "PasswordAuthentication no\nKbdInteractiveAuthentication no\nLogLevel ERROR\n" + extra)
                log = open(f"{self.tmp}/sshd-{k}.log", "ab")
                proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", config], stdin=subprocess.DEVNULL,
                                        stdout=log, stderr=log, start_new_session=True)
                log.close()
                self.procs.append(proc)
                if wait_listening(proc, mine):
                    break
                # Lost a race for a port between probing and binding: try again with fresh ones.
                stop([proc])
                mine = free_ports(PORTS_PER_SSHD)
            else:
                raise RuntimeError(f"sshd did not start, see {self.tmp}/sshd-{k}.log")
            started += mine
        return started[:self.hosts]

    def names(self, n):
        return [f"h{i + 1:04d}" for i in range(n)]

    def write_inputs(self, n):
        """Host list, OpenSSH client config, and Ansible inventory for the first n hosts."""
        d = f"{self.tmp}/n{n}"
        os.makedirs(d, exist_ok=True)
        names = self.names(n)
        with open(f"{d}/hosts", "w") as f:
            f.write("".join(h + "\n" for h in names))
        with open(f"{d}/ssh_config", "w") as f:
            for name, port in zip(names, self.ports):
                f.write(f"Host {name}\n  HostName 127.0.0.1\n  Port {port}\n  User {USER}\n  IdentityFile {self.tmp}/client\n"
                        "  IdentitiesOnly yes\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n"
                        "  KexAlgorithms curve25519-sha256\n  BatchMode yes\n\n")
        with open(f"{d}/inventory", "w") as f:
            f.write("[bench]\n" + "".join(h + "\n" for h in names) +
                    f"\n[all:vars]\nansible_user={USER}\nansible_ssh_common_args='-F {d}/ssh_config'\n")
        return d

    def __exit__(self, *exc):
        if self.current is not None:
            kill_tree(self.current.pid)
        # ssh masters, daemons and their shells first, so that the sshd sessions they hold end; then sshd and any
        # session child it left (those call setsid, so they are found through the tree, not the process group).
        for pid in pids_with(self.tmp):
            if not any(p.pid == pid for p in self.procs):
                try:
                    os.kill(pid, signal.SIGTERM)
                except OSError:
                    pass
        stop(self.procs)
        time.sleep(0.2)
        for pid in pids_with(self.tmp):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)


def free_ports(count):
    socks = []
    try:
        for _ in range(count):  # held open together so that the ports are distinct
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def wait_listening(proc, ports, seconds=15):
    deadline = time.monotonic() + seconds
    pending = list(ports)
    while pending and time.monotonic() < deadline and proc.poll() is None:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", pending[0])) == 0:
                pending.pop(0)
                continue
        time.sleep(0.05)
    return not pending and proc.poll() is None


def kill_tree(pid, sig=signal.SIGTERM):
    for p in tree([pid]):
        try:
            os.kill(p, sig)
        except OSError:
            pass


def stop(procs):
    for p in procs:
        if p.poll() is None:
            kill_tree(p.pid)
    for p in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kill_tree(p.pid, signal.SIGKILL)
            p.wait()


def openssh_version():
    out = subprocess.run(["ssh", "-V"], capture_output=True, text=True).stderr
    m = re.search(r"OpenSSH_(\d+)\.(\d+)", out)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


# ---------------------------------------------------------------- timing one command

class Run:
    def __init__(self, wall, peak, rc, ok):
        self.wall, self.peak, self.rc, self.ok = wall, peak, rc, ok


class Row:
    """One line of the table: a tool, the exact command it ran, and its timed runs (or why it has none)."""

    def __init__(self, name, command="", note=""):
        self.name, self.command, self.note, self.runs = name, command, note, []


# ansible -o escapes the tty's line ending: `(stdout) ok\r\n` with a literal backslash.
OK_LINE = re.compile(r"(^|[\s:>)\]|])ok(\\r|\\n|\s)*$")


# rampart run folds identical output (as clush -b does) and ends with "N hosts: K ok, ...".
FOLDED_SUMMARY = re.compile(r"^(\d+) hosts: (\d+) ok,")


def count_ok(path, n):
    """Hosts that answered: lines ending in the word `ok` (pssh -i prints it alone, pdsh and clush as `h0001: ok`,
    ansible -o as `... (stdout) ok`), or Rampart's folded summary line. Loose on purpose: every tool formats differently."""
    with open(path, errors="replace") as f:
        lines = f.readlines()
    for line in lines:
        if m := FOLDED_SUMMARY.match(line):
            return min(n, int(m.group(2)))
    return min(n, sum(1 for line in lines if OK_LINE.search(line)))


def timed(fleet, argv, env, n, held=(), roots=(), baseline=0):
    """Runs argv once, returns its wall time, peak memory (its tree + `roots` trees + `held` - baseline), exit code
    and answered hosts. Output goes to a file, not a pipe, so that a slow reader never throttles the tool."""
    out = f"{fleet.tmp}/out.txt"
    with open(out, "wb") as f:
        start = time.monotonic()
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT,
                                start_new_session=True)
        fleet.current = proc
        with Sampler([proc.pid, *roots], held, baseline) as sampler:
            try:
                rc = proc.wait(timeout=RUN_TIMEOUT)
            except subprocess.TimeoutExpired:
                kill_tree(proc.pid, signal.SIGKILL)
                rc = proc.wait()
                rc = rc if rc else -9
            wall = time.monotonic() - start
        fleet.current = None
    ok = count_ok(out, n)
    if rc != 0 or ok < n:
        shutil.copy(out, f"{fleet.tmp}/last-failure.txt")
        with open(out, errors="replace") as f:
            tail = [line.rstrip() for line in f if not OK_LINE.search(line)][-3:]
        say(f"    rc={rc}, {ok}/{n} ok; " + (" | ".join(tail)[:300] if tail else "no other output"))
    return Run(wall, sampler.peak, rc, ok)


def show(argv, env_extra, fleet):
    text = " ".join(f"{k}={shlex.quote(v)}" for k, v in env_extra.items())
    text = (text + " " if text else "") + shlex.join(argv)
    return text.replace(fleet.tmp, "$TMP")


def repeat(fleet, row, argv, env_extra, n, runs, **kw):
    row.command = show(argv, env_extra, fleet)
    env = dict(os.environ, **env_extra)
    for i in range(runs):
        r = timed(fleet, argv, env, n, **kw)
        say(f"  {row.name:<22} run {i + 1}/{runs}: {r.wall:7.2f} s  {r.peak / MiB:8.1f} MiB  rc={r.rc}  ok={r.ok}/{n}")
        row.runs.append(r)


def missing(row, program):
    if shutil.which(program):
        return False
    row.note = f"not installed ({program})"
    return True


# ---------------------------------------------------------------- the tools: one function each

def tool_pssh(fleet, d, n, p, runs):
    """A fresh ssh process and connection per host: the baseline everything is compared to."""
    row = Row("pssh")
    if not missing(row, "parallel-ssh"):
        repeat(fleet, row, ["parallel-ssh", "-h", f"{d}/hosts", "-p", str(p), "-t", "60", "-x", f"-F {d}/ssh_config",
                            "-i", "echo", "ok"], {}, n, runs)
    return [row]


def open_masters(fleet, d, n, p, control_dir):
    """One ssh ControlMaster per host, opened p at a time; their memory counts for the tool that uses them."""
    os.makedirs(control_dir, exist_ok=True)

    def one(host):
        return subprocess.run(["ssh", "-F", f"{d}/ssh_config", "-o", "ControlMaster=yes", "-o",
                               f"ControlPath={control_dir}/%C", "-o", "ControlPersist=600", "-N", "-f", host],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=120).returncode
    pool = concurrent.futures.ThreadPoolExecutor(p)
    try:
        return sum(1 for rc in pool.map(one, fleet.names(n)) if rc != 0)
    finally:
        pool.shutdown(cancel_futures=True)  # on Ctrl-C, open no more masters


def tool_pssh_cm(fleet, d, n, p, runs):
    """pssh through one ControlMaster per host, opened beforehand: the warm peer (no handshake, still a new ssh
    process and a new session per host)."""
    row = Row("pssh + ControlMaster")
    if missing(row, "parallel-ssh"):
        return [row]
    control_dir = f"{fleet.tmp}/cm{n}"
    start = time.monotonic()
    failed = open_masters(fleet, d, n, p, control_dir)
    say(f"  opened {n - failed}/{n} ControlMasters in {time.monotonic() - start:.1f} s")
    masters = pids_with(control_dir)
    repeat(fleet, row, ["parallel-ssh", "-h", f"{d}/hosts", "-p", str(p), "-t", "60", "-x",
                        f"-F {d}/ssh_config -o ControlPath={control_dir}/%C", "-i", "echo", "ok"], {}, n, runs,
           held=masters)
    row.command = (f"(once, {p} at a time, per host) ssh -F $TMP/n{n}/ssh_config -o ControlMaster=yes "
                   f"-o ControlPath=$TMP/cm{n}/%C -o ControlPersist=600 -N -f HOST; then " + row.command)
    stop_masters(control_dir)
    return [row]


def stop_masters(control_dir):
    # Not needed for the rest of the run; ending them keeps the next tools' machine quiet.
    for pid in pids_with(control_dir):
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass


def tool_pdsh(fleet, d, n, p, runs):
    row = Row("pdsh")
    if not missing(row, "pdsh"):
        # No -l%u: pdsh's default ssh arguments would log in as root instead of the config's User.
        repeat(fleet, row, ["pdsh", "-R", "ssh", "-w", f"^{d}/hosts", "-f", str(p), "-u", "60", "echo", "ok"],
               {"PDSH_SSH_ARGS": f"-F {d}/ssh_config -x -a %h"}, n, runs)
    return [row]


def tool_clush(fleet, d, n, p, runs):
    row = Row("clush")
    if not missing(row, "clush"):
        repeat(fleet, row, ["clush", "-f", str(p), "-w", f"h[0001-{n:04d}]", "-o", f"-F {d}/ssh_config", "-t", "60",
                            "-u", "60", "echo", "ok"], {}, n, runs)
    return [row]


def ansible_cfg(fleet, name, p, ssh_args, control_dir=""):
    path = f"{fleet.tmp}/{name}.cfg"
    with open(path, "w") as f:
        f.write(f"[defaults]\nforks = {p}\nretry_files_enabled = False\nhost_key_checking = False\n"
                f"local_tmp = {fleet.tmp}/ansible-tmp\ninterpreter_python = auto_silent\ntimeout = 60\n"
                f"[ssh_connection]\nssh_args = {ssh_args}\n" +
                (f"control_path_dir = {control_dir}\n" if control_dir else ""))
    return path


def ansible_env(fleet, cfg):
    return {"ANSIBLE_CONFIG": cfg, "ANSIBLE_HOST_KEY_CHECKING": "False", "ANSIBLE_HOME": f"{fleet.tmp}/ansible-home"}


def tool_ansible(fleet, d, n, p, runs):
    """raw module (no Python on the target), one line per host; ssh_args without Ansible's default ControlPersist,
    so every run is cold."""
    row = Row("ansible")
    if not missing(row, "ansible"):
        cfg = ansible_cfg(fleet, "ansible-cold", p, "-o ControlMaster=no -o ControlPath=none")
        repeat(fleet, row, ["ansible", "all", "-i", f"{d}/inventory", "-m", "raw", "-a", "echo ok", "-f", str(p), "-o"],
               ansible_env(fleet, cfg), n, runs)
    return [row]


def tool_ansible_cp(fleet, d, n, p, runs):
    """The same with ControlPersist: one untimed run opens the masters, the timed runs reuse them."""
    row = Row("ansible + ControlPersist")
    if missing(row, "ansible"):
        return [row]
    control_dir = f"{fleet.tmp}/acp{n}"
    os.makedirs(control_dir, exist_ok=True)
    cfg = ansible_cfg(fleet, f"ansible-cp{n}", p, "-o ControlMaster=auto -o ControlPersist=600s", control_dir)
    argv = ["ansible", "all", "-i", f"{d}/inventory", "-m", "raw", "-a", "echo ok", "-f", str(p), "-o"]
    env = ansible_env(fleet, cfg)
    warm = timed(fleet, argv, dict(os.environ, **env), n)
    say(f"  ansible warm-up (opens the masters): {warm.wall:.2f} s, {warm.ok}/{n} ok")
    repeat(fleet, row, argv, env, n, runs, held=pids_with(control_dir))
    row.command = "(after one untimed run) " + row.command
    stop_masters(control_dir)
    return [row]


class Daemon:
    """A Rampart daemon with its own data dir; `baseline` is its tree's RSS when idle."""

    def __init__(self, fleet, name):
        self.dir = f"{fleet.tmp}/{name}"
        os.makedirs(self.dir)
        self.port = free_ports(1)[0]
        self.proc = subprocess.Popen(["dotnet", DAEMON_DLL, "--listen", f"127.0.0.1:{self.port}", "--data-dir",
                                      f"{self.dir}/data", "--auth-file", f"{self.dir}/auth"],
                                     env=dict(os.environ, Logging__LogLevel__Default="Warning"),
                                     stdin=subprocess.DEVNULL, stdout=open(f"{self.dir}/daemon.log", "wb"),
                                     stderr=subprocess.STDOUT, start_new_session=True)
        fleet.procs.append(self.proc)
        self.env = {"RAMPART_URL": f"http://127.0.0.1:{self.port}", "RAMPART_AUTH_FILE": f"{self.dir}/auth"}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            if os.path.exists(f"{self.dir}/auth") and os.path.getsize(f"{self.dir}/auth") > 0:
                return
            time.sleep(0.05)
        raise RuntimeError(f"the daemon did not start (see {self.dir}/daemon.log)")

    def cli(self, *args):
        return subprocess.run([CLI, *args], env=dict(os.environ, **self.env), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=600)

    def measure_baseline(self):
        time.sleep(1)  # let startup and import allocations settle before calling the daemon idle
        self.baseline = rss(tree([self.proc.pid]))

    def stop(self, fleet):
        stop([self.proc])
        fleet.procs.remove(self.proc)


def tool_rampart(fleet, d, n, p, runs):
    """Cold: a fresh daemon per run (import, then the first `rampart run` opens every shell). Warm: more runs on the
    last daemon, whose shells are still open. Memory: the CLI plus the daemon tree's growth over its idle baseline
    (after the import), so held shells count in the warm rows."""
    cold, warm = Row("rampart (cold)"), Row("rampart (warm)")
    if not os.access(CLI, os.X_OK) or not os.path.exists(DAEMON_DLL):
        cold.note = warm.note = "not built: run ./rampart or dotnet build -c Release first"
        return [cold, warm]
    argv = [CLI, "run", "--category", "bench", "-p", str(p), "--timeout", "60", "--", "echo", "ok"]
    daemon = None
    try:
        for i in range(runs):
            if daemon is not None:
                daemon.stop(fleet)
            daemon = Daemon(fleet, f"rampart-{n}-{i}")
            imported = daemon.cli("import", "ssh-config", f"{d}/ssh_config", "--category", "bench")
            if imported.returncode != 0:
                why = (imported.stderr or imported.stdout).strip().splitlines()
                say(f"  rampart import not available (rc={imported.returncode}: {why[0] if why else 'no output'}); "
                    "skipping the Rampart rows")
                cold.note = warm.note = "rampart import not available"
                return [cold, warm]
            if i == 0:
                said = (imported.stdout or imported.stderr).strip().splitlines()
                say(f"  rampart import: {said[-1] if said else 'done'}")
            daemon.measure_baseline()
            kw = dict(roots=[daemon.proc.pid], baseline=daemon.baseline)
            repeat(fleet, cold, argv, daemon.env, n, 1, **kw)
            if cold.runs[-1].ok == 0:
                # Nothing answered (`rampart run` missing, or broken): warm runs would only repeat that.
                say("  rampart run failed on every host; skipping the other Rampart runs")
                warm.note = "not run: the cold run failed on every host"
                break
        else:
            repeat(fleet, warm, argv, daemon.env, n, runs, **kw)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        say(f"  rampart failed: {e}")
        for row in (cold, warm):
            row.note = row.note or f"failed: {e}"
    finally:
        if daemon is not None:
            daemon.stop(fleet)
    env_text = "RAMPART_URL=http://127.0.0.1:PORT RAMPART_AUTH_FILE=$TMP/DAEMON/auth"
    run_text = f"{env_text} {shlex.join(argv)}"
    cold.command = (f"(per run, a fresh daemon: Logging__LogLevel__Default=Warning dotnet {DAEMON_DLL} --listen "
                    f"127.0.0.1:PORT --data-dir $TMP/DAEMON/data --auth-file $TMP/DAEMON/auth; then {env_text} {CLI} "
                    f"import ssh-config $TMP/n{n}/ssh_config --category bench; then) {run_text}")
    warm.command = f"(on the last cold run's daemon) {run_text}"
    return [cold, warm]


TOOL_FUNCS = {"pssh": tool_pssh, "pssh-cm": tool_pssh_cm, "pdsh": tool_pdsh, "clush": tool_clush,
              "ansible": tool_ansible, "ansible-cp": tool_ansible_cp, "rampart": tool_rampart}


# ---------------------------------------------------------------- report

def machine():
    mem = next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal:"))
    ssh = subprocess.run(["ssh", "-V"], capture_output=True, text=True).stderr.strip()
    return f"{os.cpu_count()} CPUs (nproc), {int(mem) / MiB:.1f} GiB RAM, kernel {os.uname().release}, {ssh}"


def versions():
    found = []
    for name, argv in (("pssh", ["parallel-ssh", "--version"]), ("pdsh", ["pdsh", "-V"]), ("clush", ["clush", "--version"]),
                       ("ansible", ["ansible", "--version"]), ("dotnet", ["dotnet", "--version"])):
        if shutil.which(argv[0]):
            out = subprocess.run(argv, capture_output=True, text=True)
            first = (out.stdout or out.stderr).strip().splitlines()
            found.append(f"{name} {first[0] if first else '?'}")
    return ", ".join(found)


def table(n, rows):
    def good(row):
        return [r for r in row.runs if r.rc == 0 and r.ok == n]

    def med(row):
        runs = good(row)
        return statistics.median(r.wall for r in runs) if runs else None

    def peak(row):
        runs = good(row)
        return max(r.peak for r in runs) if runs else None

    ref = next((r for r in rows if r.name == "pssh"), None)
    ref_t, ref_m = (med(ref), peak(ref)) if ref else (None, None)
    lines = [f"\n### N = {n:,} hosts\n",
             f"| tool | wall median (s) | min (s) | max (s) | peak {'PSS' if USE_PSS else 'RSS'} (MiB) | MiB per host | time ÷ pssh | memory ÷ pssh |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        runs = good(row)
        if not runs:
            why = row.note or (f"failed (rc={row.runs[-1].rc}, {row.runs[-1].ok}/{n} ok)" if row.runs else "not run")
            lines.append(f"| {row.name} | {why} | | | | | | |")
            continue
        t, m = med(row), peak(row)
        walls = [r.wall for r in runs]
        partial = f" ({len(runs)}/{len(row.runs)} runs clean)" if len(runs) < len(row.runs) else ""
        lines.append(f"| {row.name}{partial} | {t:.2f} | {min(walls):.2f} | {max(walls):.2f} | {m / MiB:.1f} | "
                     f"{m / MiB / n:.2f} | {f'{t / ref_t:.2f}' if ref_t else '–'} | {f'{m / ref_m:.2f}' if ref_m else '–'} |")
    counts = "; ".join(f"{row.name} {min(r.ok for r in row.runs)} ok / {n - min(r.ok for r in row.runs)} failed"
                       + ("" if all(r.rc == 0 for r in row.runs) else f" (exit {[r.rc for r in row.runs]})")
                       for row in rows if row.runs)
    lines.append(f"\nHosts answering `ok` (worst run): {counts or 'none run'}")
    cm = next((r for r in rows if r.name == "pssh + ControlMaster"), None)
    warm = next((r for r in rows if r.name == "rampart (warm)"), None)
    if cm and warm and med(cm) and med(warm):
        lines.append(f"Rampart warm vs pssh + ControlMaster: {med(cm) / med(warm):.1f}× faster (target 10×)")
    lines.append("\nCommands:\n")
    lines += [f"- {row.name}: `{row.command}`" for row in rows if row.command]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000], metavar="N", help="hosts (default 100 1000)")
    parser.add_argument("--runs", type=int, help="timed runs per tool (default 3 up to 300 hosts, else 2)")
    parser.add_argument("--parallel", "-p", type=int, default=64, help="connections in flight per tool (default 64)")
    parser.add_argument("--pss", action="store_true", help="proportional set size instead of RSS (shared pages split)")
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated subset of {','.join(TOOLS)}")
    args = parser.parse_args()
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOL_FUNCS]
    if unknown or not args.sizes or min(args.sizes) < 1 or args.parallel < 1:
        parser.error(f"unknown tools {unknown}" if unknown else "N and --parallel must be positive")
    global USE_PSS
    USE_PSS = args.pss
    if os.geteuid() != 0:
        sys.exit("fleet.py: run as root (it creates the user rampart-bench and starts sshd)")

    # SIGTERM and SIGHUP clean up like Ctrl-C does.
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)

    say(f"Machine: {machine()}")
    say(f"Tools: {versions()}")
    say(f"Parallelism {args.parallel}; tools {', '.join(tools)}; memory = peak summed {'PSS' if USE_PSS else 'RSS'} "
        "of the tool's process tree "
        "(sampled every ~20 ms), ssh masters included for the warm peers, daemon growth over idle for Rampart")
    reports = []
    try:
        with Fleet(max(args.sizes)) as fleet:
            say(f"TMP={fleet.tmp} (removed at the end); {len(fleet.procs)} sshd processes, {len(fleet.ports)} "
                "loopback ports, one host each")
            for n in args.sizes:
                runs = args.runs or (3 if n <= 300 else 2)
                d = fleet.write_inputs(n)
                say(f"\n== N={n}, {runs} timed runs per tool ==")
                rows = []
                for name in tools:
                    rows += TOOL_FUNCS[name](fleet, d, n, args.parallel, runs)
                reports.append(table(n, rows))
                say(reports[-1])
    except KeyboardInterrupt:
        say("\ninterrupted: everything started was stopped and the temp dir removed")
        sys.exit(130)
    if len(reports) > 1:
        say("\n\n## Summary\n\nMachine: " + machine() + "\n" + "\n".join(reports))


if __name__ == "__main__":
    main()
