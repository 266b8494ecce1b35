#!/usr/bin/env python3
"""10,000 hosts through `rampart import` (ssh-config and CSV): on a freshly started daemon (cold), into a second
category (warm), and again unchanged (the idempotent re-import). Wall time of the whole CLI call, daemon included.

Usage: import_bench.py DAEMON_DLL CLI [HOSTS]"""
import os, shutil, subprocess, sys, tempfile, time
from benchlib import free_port

daemon_dll, cli = sys.argv[1], sys.argv[2]
hosts = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
home = tempfile.mkdtemp(prefix="rampart-bench-import-")
try:
    with open(f"{home}/config", "w") as f:
        f.write("Host *\n  User deploy\n  IdentityFile ~/.ssh/id_ed25519\n\n")
        f.writelines(f"Host h{i:05d}\n  HostName 10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}\n  Port 22\n" for i in range(hosts))
    with open(f"{home}/hosts.csv", "w") as f:
        f.write("name,host,port,user,category,identity\n")
        f.writelines(f"c{i:05d},10.{100 + i // 65536 % 100}.{i // 256 % 256}.{i % 256},22,deploy,dc{i % 4}/rack{i % 40},~/.ssh/id\n" for i in range(hosts))

    rows = []
    for fmt, source in (("ssh-config", f"{home}/config"), ("csv", f"{home}/hosts.csv")):
        port = free_port()
        data = f"{home}/data-{fmt}"
        daemon = subprocess.Popen(["dotnet", daemon_dll, "--listen", f"127.0.0.1:{port}", "--data-dir", data, "--auth-file", f"{data}.auth"],
                                  env=dict(os.environ, Logging__LogLevel__Default="Warning"), stdout=subprocess.DEVNULL)
        try:
            for _ in range(600):
                if os.path.exists(f"{data}.auth") and os.path.getsize(f"{data}.auth") > 0:
                    break
                time.sleep(0.05)
            env = dict(os.environ, RAMPART_URL=f"http://127.0.0.1:{port}", RAMPART_AUTH_FILE=f"{data}.auth")

            def timed(label, category):
                start = time.perf_counter()
                done = subprocess.run([cli, "import", fmt, source, "--category", category], env=env, capture_output=True, text=True)
                elapsed = time.perf_counter() - start
                if done.returncode != 0:
                    raise RuntimeError(f"{fmt} {label}: {done.stderr.strip()}")
                rows.append((fmt, label, elapsed, done.stdout.strip().splitlines()[-1]))

            timed("first import, fresh daemon", "bench-a")
            timed("unchanged re-import", "bench-a")
            timed("moved to another category", "bench-b")
        finally:
            daemon.terminate()
            daemon.wait(timeout=30)

    print(f"{hosts} hosts per import, wall time of `rampart import` (CLI start and daemon included), {os.cpu_count()} CPUs")
    for fmt, label, elapsed, summary in rows:
        print(f"  {fmt:<11} {label:<28} {elapsed:6.2f} s   {summary}")
finally:
    shutil.rmtree(home, ignore_errors=True)
