#!/usr/bin/env python3
"""What one request on the admin port costs the gateway in CPU, per endpoint the UI polls.

    integration-tests/load/admin_cost.py [--jar JAR] [--requests N] [--rounds R] [--jfr FILE]

Starts the packaged gateway (one route on a traffic port, the usage database in a temporary
directory, the admin API with a fixed token), then for each endpoint the admin UI's pages poll
(docs/ui.md), and a 404 and actuator/health as the floor:

- cold: the CPU time the whole JVM used for the endpoint's first request (its code interpreted,
  classes loaded, first compilations queued), with the previous endpoints already warm;
- warm: after WARM requests, the CPU time per request of N requests on one keep-alive connection,
  R rounds, reported as the median and the range of the rounds.

CPU time is the sum of every thread's run time from /proc/PID/task/*/schedstat (nanoseconds), so
event loops, the bounded elastic pool, the JIT compiler and GC threads all count. The client runs
in this process; pin it elsewhere (taskset) and the gateway to its own CPU with --server-cpus.
A breakdown by thread kind says where the warm time goes. --jfr FILE records a JFR profile of the
warm phase (open it with `jfr print --events jdk.ExecutionSample FILE` or JDK Mission Control).
Loopback only; the gateway is stopped on exit.
"""

import argparse
import collections
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta, timezone

TOKEN = "agw-admin-cost-token"


def free_ports(count):
    socks = [socket.socket() for _ in range(count)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def endpoints():
    hour_ago = (datetime.now(timezone.utc) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [
        ("404", "/no-such-page", False),
        ("actuator/health", "/actuator/health", False),
        ("overview", "/api/v1/overview", False),
        ("usage minute,model", f"/api/v1/usage?groupBy=minute,model&from={hour_ago}", True),
        ("records by latency", "/api/v1/usage/records?limit=20&sort=latency", True),
        ("records failed", "/api/v1/usage/records?limit=20&failed=true", True),
        ("guardrail decisions", f"/api/v1/guardrails/decisions?bucket=minute&from={hour_ago}", True),
        ("keys", "/api/v1/keys", True),
        ("budgets", "/api/v1/budgets", True),
        ("prometheus", "/actuator/prometheus", False),
    ]


def thread_times(pid):
    """Run time in ns of every live thread of pid, by thread name."""
    times = collections.Counter()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                ran = int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue
        times[(tid, name)] += ran
    return times


def kind(name):
    for pattern, label in (
        (r"^reactor-http", "event loops"),
        (r"^boundedElastic", "bounded elastic"),
        (r"^C[12] Compiler", "JIT"),
        (r"^(G1|GC |VM Thread|ZGC|Z )", "GC and VM"),
    ):
        if re.match(pattern, name):
            return label
    return "other"


def total(times):
    return sum(times.values())


def request(conn, path, auth):
    headers = {"Authorization": f"Bearer {TOKEN}"} if auth else {}
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
    except OSError as e:
        raise SystemExit(f"GET {path}: {e!r}") from e
    return response.status


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jar", default=f"{root}/gateway-service/target/gateway-service-exec.jar")
    parser.add_argument("--requests", type=int, default=300, help="requests per warm round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warm", type=int, default=2000, help="requests before the warm rounds")
    parser.add_argument("--server-cpus", help="taskset CPU list for the gateway")
    parser.add_argument("--java-opts", default="-Xms512m -Xmx512m")
    parser.add_argument("--jfr", help="record the warm phase to this JFR file")
    parser.add_argument("--only", help="comma-separated endpoint labels to measure")
    parser.add_argument("gateway_args", nargs="*", help="extra gateway arguments")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="agw-admin-cost.")
    traffic, admin = free_ports(2)
    with open(f"{work}/gateway.yaml", "w") as f:
        f.write(
            f"binds:\n- port: {traffic}\n  listeners:\n  - name: load\n    routes:\n"
            f"    - name: upstream\n      backends:\n      - host: 127.0.0.1:{admin}\n"
        )
    command = ["java", *args.java_opts.split(), "-jar", args.jar, "--config", f"{work}/gateway.yaml",
               "--agw.bind-address=127.0.0.1", "--agw.access-log.enabled=false",
               f"--agw.admin.token={TOKEN}", f"--agw.database.url=sqlite:{work}/agw.db",
               "--server.address=127.0.0.1", f"--server.port={admin}", *args.gateway_args]
    if args.server_cpus:
        command = ["taskset", "-c", args.server_cpus, *command]
    log = open(f"{work}/gateway.log", "w")
    gateway = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(3000):
            if gateway.poll() is not None:
                sys.exit(f"the gateway exited during start-up (log: {work}/gateway.log)")
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{admin}/actuator/health/readiness", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            sys.exit("the gateway did not become ready within 300 s")
        time.sleep(2)  # start-up work in the background (the usage database) settles
        pid = gateway.pid  # taskset execs java: the same process

        chosen = endpoints()
        if args.only:
            wanted = set(args.only.split(","))
            chosen = [e for e in chosen if e[0] in wanted]
        conn = http.client.HTTPConnection("127.0.0.1", admin, timeout=30)
        cold = {}
        for label, path, auth in chosen:
            before = total(thread_times(pid))
            status = request(conn, path, auth)
            time.sleep(0.5)  # compilations the request queued finish and are counted
            cold[label] = (status, (total(thread_times(pid)) - before) / 1e6)

        for _ in range(args.warm // max(1, len(chosen))):
            for label, path, auth in chosen:
                request(conn, path, auth)
        if args.jfr:
            subprocess.run(["jcmd", str(pid), "JFR.start", "name=admin", "settings=profile",
                            f"filename={args.jfr}"], check=True, stdout=subprocess.DEVNULL)
        warm = {}
        kinds = {}
        for label, path, auth in chosen:
            per_round = []
            by_kind = collections.Counter()
            for _ in range(args.rounds):
                before = thread_times(pid)
                for _ in range(args.requests):
                    request(conn, path, auth)
                after = thread_times(pid)
                per_round.append((total(after) - total(before)) / args.requests / 1e3)
                for key, value in after.items():
                    by_kind[kind(key[1])] += value - before.get(key, 0)
            warm[label] = per_round
            kinds[label] = {k: v / args.rounds / args.requests / 1e3 for k, v in by_kind.items()}
        if args.jfr:
            subprocess.run(["jcmd", str(pid), "JFR.stop", "name=admin"], check=True,
                           stdout=subprocess.DEVNULL)

        print("| endpoint | status | cold ms | warm µs/req median (range) | warm by thread µs/req |")
        print("|---|---|---|---|---|")
        for label, _, _ in chosen:
            status, cold_ms = cold[label]
            rounds = warm[label]
            split = ", ".join(f"{k} {v:.0f}" for k, v in sorted(kinds[label].items(),
                                                               key=lambda kv: -kv[1]) if v >= 1)
            print(f"| {label} | {status} | {cold_ms:.1f} | {statistics.median(rounds):.0f} "
                  f"({min(rounds):.0f}-{max(rounds):.0f}) | {split} |")
    finally:
        gateway.terminate()
        try:
            gateway.wait(20)
        except subprocess.TimeoutExpired:
            gateway.kill()
        log.close()


if __name__ == "__main__":
    main()
