#!/usr/bin/env python3
"""A 100 MiB file written to and read from an ssh host on loopback: Rampart's /fs/blob + /fs/write and /fs/read
through HTTP, side by side with scp (fresh connection, and through a ControlMaster), in one run. Checks the copies
byte for byte and prints median seconds and ratios.

Usage: file_transfer.py DAEMON_DLL [MIB] [ROUNDS]"""
import hashlib, os, statistics, subprocess, sys, time
from benchlib import Bench, run

mib = int(sys.argv[2]) if len(sys.argv) > 2 else 100
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5


def median_s(action):
    action()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


with Bench(sys.argv[1]) as bench:
    source = f"{bench.home}/source.bin"
    with open(source, "wb") as f:
        for _ in range(mib):
            f.write(os.urandom(1 << 20))
    expected = digest(source)
    remote = f"/tmp/rampart-bench-{os.getpid()}.bin"
    bench.call("/shell/start", {"connection": bench.ssh_id})

    def rampart_write():
        with open(source, "rb") as f:
            bench.conn.request("POST", "/fs/blob", f, {"Authorization": "Bearer " + bench.token, "Content-Length": str(os.path.getsize(source))})
            response = bench.conn.getresponse()
            blob = __import__("json").loads(response.read())["blob"]
        bench.call("/fs/write", {"connection": bench.ssh_id, "blob": blob, "path": remote})

    def rampart_read():
        bench.conn.request("POST", "/fs/read", __import__("json").dumps({"connection": bench.ssh_id, "path": remote}),
                           {"Authorization": "Bearer " + bench.token})
        response = bench.conn.getresponse()
        with open(copy, "wb") as out:
            while chunk := response.read(1 << 20):
                out.write(chunk)
        assert response.status == 200, "rampart read failed"

    mux = bench.start_mux()
    copy = f"{bench.home}/copy.bin"
    scp = ["scp", "-q", *bench.ssh_options, "-P", str(bench.ssh_port)]
    target = f"{bench.user}@127.0.0.1:{remote}"

    rows = [("rampart write (/fs/blob + /fs/write)", median_s(rampart_write))]
    check = bench.call("/shell/exec", {"connection": bench.ssh_id, "command": f"sha256sum {remote}"})["stdout"].split()[0]
    assert check == expected, "rampart write is not byte-exact"
    run("ssh", *bench.ssh_options, "-S", mux, "-p", str(bench.ssh_port), f"{bench.user}@127.0.0.1", "chmod", "644", remote)
    rows.append(("rampart read (/fs/read)", median_s(rampart_read)))
    assert digest(copy) == expected, "rampart read is not byte-exact"
    rows.append(("scp upload (fresh connection)", median_s(lambda: run(*scp, source, target))))
    rows.append(("scp download (fresh connection)", median_s(lambda: run(*scp, target, copy))))
    assert digest(copy) == expected, "scp download is not byte-exact"
    rows.append(("scp upload (ControlMaster)", median_s(lambda: run(*scp, "-o", f"ControlPath={mux}", source, target))))
    rows.append(("scp download (ControlMaster)", median_s(lambda: run(*scp, "-o", f"ControlPath={mux}", target, copy))))
    run("ssh", *bench.ssh_options, "-S", mux, "-p", str(bench.ssh_port), f"{bench.user}@127.0.0.1", "rm", "-f", remote)

    print(f"{mib} MiB over ssh on loopback, median of {rounds} runs after one warm-up (s), {os.cpu_count()} CPUs")
    for name, value in rows:
        print(f"  {name:<40} {value:7.3f}  ({mib / value:6.0f} MiB/s)")
    print(f"  ratio rampart write / scp upload (fresh): {rows[0][1] / rows[2][1]:.2f}x   (ControlMaster: {rows[0][1] / rows[4][1]:.2f}x)")
    print(f"  ratio rampart read / scp download (fresh): {rows[1][1] / rows[3][1]:.2f}x   (ControlMaster: {rows[1][1] / rows[5][1]:.2f}x)")
