#!/usr/bin/env python3
"""Warm /shell/exec of `true` through HTTP (local shell and ssh on loopback), side by side with
`ssh -S <mux> host true` and a fresh `ssh host true`, in one run. Prints medians in milliseconds.

Usage: shell_exec.py DAEMON_DLL [ROUNDS]"""
import os, statistics, sys, time
from benchlib import Bench, LOCAL_MACHINE, run


def median_ms(action, n):
    for _ in range(max(3, n // 20)):
        action()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 300
with Bench(sys.argv[1]) as bench:
    for connection in (LOCAL_MACHINE, bench.ssh_id):
        bench.call("/shell/start", {"connection": connection})
    mux = bench.start_mux()
    rows = [
        ("rampart /shell/exec true, local shell (HTTP)", median_ms(lambda: bench.call("/shell/exec", {"connection": LOCAL_MACHINE, "command": "true"}), rounds)),
        ("rampart /shell/exec true, ssh loopback (HTTP)", median_ms(lambda: bench.call("/shell/exec", {"connection": bench.ssh_id, "command": "true"}), rounds)),
        ("ssh -S mux host true", median_ms(lambda: run(*bench.ssh_base, "-S", mux, "127.0.0.1", "true"), max(30, rounds // 5))),
        ("ssh host true (fresh connection)", median_ms(lambda: run(*bench.ssh_base, "127.0.0.1", "true"), max(20, rounds // 10))),
    ]
    print(f"median of timed calls after warm-up (ms), {os.cpu_count()} CPUs")
    for name, value in rows:
        print(f"  {name:<48} {value:8.2f}")
    print(f"  ratio ssh -S mux / rampart ssh exec: {rows[2][1] / rows[1][1]:.1f}x")
