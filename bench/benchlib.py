"""Shared setup of the shell and file benchmarks: an sshd on loopback with throwaway keys, a Rampart daemon with its
own data directory, a user without rc files for the peers, and a small HTTP client. Everything is cleaned up."""
import http.client, json, os, shutil, socket, subprocess, tempfile, time

LOCAL_MACHINE = "f0ec68aa-63f5-405c-b178-9a4454556d6b"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Bench:
    """sshd + daemon + an ssh connection to the sshd in the daemon's inventory; use as a context manager."""

    def __init__(self, daemon_dll):
        self.daemon_dll = daemon_dll
        self.home = tempfile.mkdtemp(prefix="rampart-bench-")
        self.procs = []

    def __enter__(self):
        home = self.home
        for name in ("host", "client"):
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", f"{home}/{name}")
        shutil.copy(f"{home}/client.pub", f"{home}/authorized_keys")
        self.ssh_port = free_port()
        with open(f"{home}/sshd_config", "w") as f:
            f.write(f"Port {self.ssh_port}\nListenAddress 127.0.0.1\nHostKey {home}/host\nAuthorizedKeysFile {home}/authorized_keys\n"
                    f"PidFile {home}/sshd.pid\nPasswordAuthentication no\nUsePAM no\nStrictModes no\nMaxStartups 100:30:200\n"
                    "Subsystem sftp internal-sftp\n")
        os.makedirs("/run/sshd", exist_ok=True)
        self.procs.append(subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", f"{home}/sshd_config"], stderr=subprocess.DEVNULL))

        api_port = free_port()
        env = dict(os.environ, Logging__LogLevel__Default="Warning")
        self.procs.append(subprocess.Popen(["dotnet", self.daemon_dll, "--listen", f"127.0.0.1:{api_port}", "--data-dir", f"{home}/data",
                                            "--auth-file", f"{home}/auth"], env=env, stdout=subprocess.DEVNULL))
        for _ in range(600):
            if os.path.exists(f"{home}/auth") and os.path.getsize(f"{home}/auth") > 0:
                break
            time.sleep(0.05)
        self.api_port = api_port
        # 1 MiB blocks: http.client sends files in 8 KiB writes by default, which would time Python, not Rampart.
        self.conn = http.client.HTTPConnection("127.0.0.1", api_port, blocksize=1 << 20)
        self.token = self.call("/handshake", {"auth": {"type": "Local", "authFileContent": open(f"{home}/auth").read().strip()},
                                              "client": {"type": "Api", "name": "bench"}})["sessionToken"]

        # A login shell without rc files, so the peers are not taxed by root's .bashrc (pyenv and the like cost them
        # hundreds of ms per command here); Rampart pays any rc once per session anyway.
        self.user = os.environ.get("USER") or "root"
        if os.geteuid() == 0:
            self.user = "rampart-bench"
            if subprocess.run(["id", self.user], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
                run("useradd", "-m", "-s", "/bin/sh", self.user)
            run("usermod", "-p", "*", self.user)
            os.chmod(home, 0o755)
            for name in ("client", "client.pub", "authorized_keys"):
                os.chmod(f"{home}/{name}", 0o644 if name != "client" else 0o600)
        key = self.call("/secret/encrypt", {"value": json.dumps({"type": "file", "file": f"{home}/client"})})["encrypted"]
        self.ssh_id = self.call("/connection/add", {"name": "bench-ssh", "validate": False, "data": {
            "type": "ssh", "host": "127.0.0.1", "port": self.ssh_port,
            "identity": {"type": "inPlace", "identityStore": {"type": "localIdentity", "username": self.user, "sshIdentity": key}}}})["connection"]
        self.ssh_options = ["-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", f"UserKnownHostsFile={home}/kh",
                            "-o", "KexAlgorithms=curve25519-sha256", "-i", f"{home}/client"]
        self.ssh_base = ["ssh", *self.ssh_options, "-p", str(self.ssh_port), "-l", self.user]
        return self

    def call(self, path, body, raw=False):
        headers = {"Content-Type": "application/json"}
        if getattr(self, "token", None):
            headers["Authorization"] = "Bearer " + self.token
        self.conn.request("POST", path, json.dumps(body), headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status} {data[:500]!r}")
        return data if raw else json.loads(data) if data else None

    def start_mux(self):
        """An ssh ControlMaster to the sshd, for the peers that reuse a connection; returns its socket."""
        mux = f"{self.home}/mux"
        self.procs.append(subprocess.Popen(self.ssh_base + ["-M", "-S", mux, "-N", "127.0.0.1"], stderr=subprocess.DEVNULL))
        for _ in range(200):
            if os.path.exists(mux):
                break
            time.sleep(0.05)
        return mux

    def __exit__(self, *exc):
        stop_all(self.procs)
        shutil.rmtree(self.home, ignore_errors=True)


def stop_all(procs):
    """Terminates the processes a benchmark started, killing any that do not stop within 10 s."""
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
