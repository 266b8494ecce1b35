#!/usr/bin/env python3
"""Warm /shell/exec of `true` through HTTP (local shell and ssh on loopback), side by side with
`ssh -S <mux> host true` and a fresh `ssh host true`, in one run. Prints medians in milliseconds.

Usage: shell_exec.py DAEMON_DLL [ROUNDS]
Starts its own sshd (random loopback port, throwaway keys) and its own daemon; cleans up after itself."""
import http.client, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time

daemon_dll = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 300
home = tempfile.mkdtemp(prefix="rampart-bench-shell-")
procs = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def median_ms(action, n):
    for _ in range(max(3, n // 20)):
        action()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


try:
    # sshd on loopback with throwaway keys
    for name in ("host", "client"):
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", f"{home}/{name}")
    shutil.copy(f"{home}/client.pub", f"{home}/authorized_keys")
    ssh_port = free_port()
    with open(f"{home}/sshd_config", "w") as f:
        f.write(f"Port {ssh_port}\nListenAddress 127.0.0.1\nHostKey {home}/host\nAuthorizedKeysFile {home}/authorized_keys\n"
                f"PidFile {home}/sshd.pid\nPasswordAuthentication no\nUsePAM no\nStrictModes no\nMaxStartups 100:30:200\n")
    os.makedirs("/run/sshd", exist_ok=True)
    procs.append(subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", f"{home}/sshd_config"], stderr=subprocess.DEVNULL))

    # the daemon, request logging off
    api_port = free_port()
    env = dict(os.environ, Logging__LogLevel__Default="Warning")
    procs.append(subprocess.Popen(["dotnet", daemon_dll, "--listen", f"127.0.0.1:{api_port}", "--data-dir", f"{home}/data",
                                   "--auth-file", f"{home}/auth"], env=env, stdout=subprocess.DEVNULL))
    for _ in range(600):
        if os.path.exists(f"{home}/auth") and os.path.getsize(f"{home}/auth") > 0:
            break
        time.sleep(0.05)
    conn = http.client.HTTPConnection("127.0.0.1", api_port)

    def call(path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        conn.request("POST", path, json.dumps(body), headers)
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status} {data!r}")
        return json.loads(data) if data else None

    token = call("/handshake", {"auth": {"type": "Local", "authFileContent": open(f"{home}/auth").read().strip()},
                                "client": {"type": "Api", "name": "bench"}})["sessionToken"]
    # A login shell without rc files, so the peers are not taxed by root's .bashrc (pyenv and the like cost them
    # hundreds of ms per command here); Rampart pays any rc once per session anyway.
    user = os.environ.get("USER") or "root"
    if os.geteuid() == 0:
        user = "rampart-bench"
        if subprocess.run(["id", user], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
            run("useradd", "-m", "-s", "/bin/sh", user)
        run("usermod", "-p", "*", user)
        os.chmod(home, 0o755)
        for name in ("client", "client.pub", "authorized_keys"):
            os.chmod(f"{home}/{name}", 0o644 if name != "client" else 0o600)
    key = call("/secret/encrypt", {"value": json.dumps({"type": "file", "file": f"{home}/client"})}, token)["encrypted"]
    ssh_id = call("/connection/add", {"name": "bench-ssh", "validate": False, "data": {
        "type": "ssh", "host": "127.0.0.1", "port": ssh_port,
        "identity": {"type": "inPlace", "identityStore": {"type": "localIdentity", "username": user, "sshIdentity": key}}}}, token)["connection"]
    local_id = "f0ec68aa-63f5-405c-b178-9a4454556d6b"
    for connection in (local_id, ssh_id):
        call("/shell/start", {"connection": connection}, token)

    ssh_base = ["ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", f"UserKnownHostsFile={home}/kh",
                "-o", "KexAlgorithms=curve25519-sha256", "-i", f"{home}/client", "-p", str(ssh_port), "-l", user]
    mux = f"{home}/mux"
    procs.append(subprocess.Popen(ssh_base + ["-M", "-S", mux, "-N", "127.0.0.1"], stderr=subprocess.DEVNULL))
    for _ in range(200):
        if os.path.exists(mux):
            break
        time.sleep(0.05)

    rows = [
        ("rampart /shell/exec true, local shell (HTTP)", median_ms(lambda: call("/shell/exec", {"connection": local_id, "command": "true"}, token), rounds)),
        ("rampart /shell/exec true, ssh loopback (HTTP)", median_ms(lambda: call("/shell/exec", {"connection": ssh_id, "command": "true"}, token), rounds)),
        ("ssh -S mux host true", median_ms(lambda: run(*ssh_base, "-S", mux, "127.0.0.1", "true"), max(30, rounds // 5))),
        ("ssh host true (fresh connection)", median_ms(lambda: run(*ssh_base, "127.0.0.1", "true"), max(20, rounds // 10))),
    ]
    print(f"median of timed calls after warm-up (ms), {os.cpu_count()} CPUs")
    for name, value in rows:
        print(f"  {name:<48} {value:8.2f}")
    print(f"  ratio ssh -S mux / rampart ssh exec: {rows[2][1] / rows[1][1]:.1f}x")
finally:
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
    shutil.rmtree(home, ignore_errors=True)
