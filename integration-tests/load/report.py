#!/usr/bin/env python3
"""Turns the load harness's raw results into one Markdown table (used by run.sh).

Input: a TSV file with one line per measured run,
    case, target, wrk output file, server CPU ticks, upstream CPU ticks, 1-minute load average
where "server" is the process that answered wrk (the upstream itself for the direct target).
Output on stdout: the environment lines, then the table with a gateway/nginx ratio row per case.
With --self-check the exit status is 1 when a run served no requests, got a status >= 400,
dropped connections, or (MCP cases, counted by the wrk script) got a 200 that was not a JSON-RPC
result, was a JSON-RPC error or a tool result with isError; timings never decide the exit status.
"""

import argparse
import re
import sys
from dataclasses import dataclass

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass(frozen=True)
class Run:
    case: str
    target: str
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    server_ms_per_1k: float
    server_cores: float
    upstream_ms_per_1k: float
    errors: int
    non_2xx: int
    rpc_errors: int
    load1: str


def duration_ms(text):
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"unexpected wrk duration {text!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(text):
    """The numbers of one `wrk --latency` report."""
    requests = re.search(r"^\s*(\d+) requests in ([0-9.]+\w+),", text, re.M)
    rps = re.search(r"^Requests/sec:\s*([0-9.]+)", text, re.M)
    percentiles = dict(re.findall(r"^\s*(50|99)(?:\.000)?%\s+(\S+)", text, re.M))
    if not (requests and rps and "50" in percentiles and "99" in percentiles):
        raise ValueError("not a complete wrk --latency report:\n" + text)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    # Printed by the MCP cases' wrk script: 200 answers that were not a successful result.
    rpc_errors = re.search(r"^JSON-RPC errors: (\d+)", text, re.M)
    return {
        "requests": int(requests.group(1)),
        "seconds": duration_ms(requests.group(2)) / 1000.0,
        "rps": float(rps.group(1)),
        "p50_ms": duration_ms(percentiles["50"]),
        "p99_ms": duration_ms(percentiles["99"]),
        # Read errors are left out: wrk counts a connection it closes itself at the end.
        "errors": sum(int(socket.group(i)) for i in (1, 3, 4)) if socket else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "rpc_errors": int(rpc_errors.group(1)) if rpc_errors else 0,
    }


def read_runs(results_path, clk_tck):
    runs = []
    with open(results_path, encoding="utf-8") as results:
        for line in results:
            case, target, wrk_path, server_ticks, upstream_ticks, load1 = line.rstrip(
                "\n"
            ).split("\t")
            with open(wrk_path, encoding="utf-8") as wrk_out:
                wrk = parse_wrk(wrk_out.read())
            per_1k = 1000.0 / wrk["requests"] if wrk["requests"] else float("nan")
            tick_ms = 1000.0 / clk_tck
            runs.append(
                Run(
                    case=case,
                    target=target,
                    requests=wrk["requests"],
                    rps=wrk["rps"],
                    p50_ms=wrk["p50_ms"],
                    p99_ms=wrk["p99_ms"],
                    server_ms_per_1k=int(server_ticks) * tick_ms * per_1k,
                    server_cores=int(server_ticks) * tick_ms / 1000.0 / wrk["seconds"],
                    upstream_ms_per_1k=int(upstream_ticks) * tick_ms * per_1k,
                    errors=wrk["errors"],
                    non_2xx=wrk["non_2xx"],
                    rpc_errors=wrk["rpc_errors"],
                    load1=load1,
                )
            )
    return runs


def ratio(numerator, denominator):
    return f"{numerator / denominator:.2f}x" if denominator else "n/a"


def table(runs):
    header = (
        "| case | target | requests/s | p50 ms | p99 ms | proxy CPU ms/1k req "
        "| proxy cores busy | upstream CPU ms/1k req | errors | load1 |"
    )
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    by_key = {(run.case, run.target): run for run in runs}
    for case in dict.fromkeys(run.case for run in runs):
        for target in ("direct", "nginx", "gateway"):
            run = by_key.get((case, target))
            if run is None:
                continue
            # For the direct target the server is the upstream: no separate proxy cost.
            proxy_cpu = "-" if target == "direct" else f"{run.server_ms_per_1k:.1f}"
            proxy_cores = "-" if target == "direct" else f"{run.server_cores:.2f}"
            upstream_cpu = (
                f"{run.server_ms_per_1k:.1f}"
                if target == "direct"
                else f"{run.upstream_ms_per_1k:.1f}"
            )
            lines.append(
                f"| {case} | {target} | {run.rps:,.0f} | {run.p50_ms:.2f} | {run.p99_ms:.2f} "
                f"| {proxy_cpu} | {proxy_cores} | {upstream_cpu} "
                f"| {run.errors + run.non_2xx + run.rpc_errors} | {run.load1} |"
            )
        nginx, gateway = by_key.get((case, "nginx")), by_key.get((case, "gateway"))
        if nginx and gateway:
            lines.append(
                f"| {case} | **gateway/nginx** | {ratio(gateway.rps, nginx.rps)} "
                f"| {ratio(gateway.p50_ms, nginx.p50_ms)} | {ratio(gateway.p99_ms, nginx.p99_ms)} "
                f"| {ratio(gateway.server_ms_per_1k, nginx.server_ms_per_1k)} "
                f"| {ratio(gateway.server_cores, nginx.server_cores)} "
                f"| {ratio(gateway.upstream_ms_per_1k, nginx.upstream_ms_per_1k)} | | |"
            )
    return "\n".join(lines)


def ttft_table(path):
    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8") if line.strip()]
    lines = [
        "| case | target | TTFT median ms | TTFT p90 ms |",
        "|---|---|---|---|",
    ]
    by_key = {(case, target): (float(median), float(p90)) for case, target, median, p90 in rows}
    for case in dict.fromkeys(row[0] for row in rows):
        for target in ("direct", "nginx", "gateway"):
            if (case, target) in by_key:
                median, p90 = by_key[(case, target)]
                lines.append(f"| {case} | {target} | {median:.2f} | {p90:.2f} |")
        if (case, "nginx") in by_key and (case, "gateway") in by_key:
            g, n = by_key[(case, "gateway")], by_key[(case, "nginx")]
            lines.append(
                f"| {case} | **gateway/nginx** | {ratio(g[0], n[0])} | {ratio(g[1], n[1])} |"
            )
    return "\n".join(lines)


def ui_rounds(path, clk_tck):
    """The small-ui-abba rounds: (block, state, wrk numbers, gateway CPU µs per request)."""
    rounds = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            block, state, wrk_path, ticks, load1 = line.rstrip("\n").split("\t")
            with open(wrk_path, encoding="utf-8") as wrk_out:
                wrk = parse_wrk(wrk_out.read())
            cpu_us = int(ticks) * 1_000_000.0 / clk_tck / wrk["requests"] if wrk["requests"] else 0
            rounds.append((int(block), state, wrk, cpu_us, load1))
    return rounds


def ui_table(rounds, baseline):
    """Every round, then per ABBA block the open rounds' CPU against the closed rounds' CPU, and
    the two closed rounds against each other (the noise a difference has to stand out from)."""
    lines = [
        "| block | round | UI | gateway requests/s | p50 ms | p99 ms | gateway CPU µs/req | load1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for number, (block, state, wrk, cpu_us, load1) in enumerate(rounds, 1):
        lines.append(
            f"| {block} | {number} | {state} | {wrk['rps']:,.0f} | {wrk['p50_ms']:.2f} "
            f"| {wrk['p99_ms']:.2f} | {cpu_us:.1f} | {load1} |"
        )
    lines += ["", "| block | closed µs/req | open µs/req | open vs closed | closed vs closed |",
              "|---|---|---|---|---|"]
    effects, noises = [], []
    for block in dict.fromkeys(r[0] for r in rounds):
        closed = [r[3] for r in rounds if r[0] == block and r[1] == "closed"]
        opened = [r[3] for r in rounds if r[0] == block and r[1] == "open"]
        if len(closed) != 2 or len(opened) != 2:
            continue
        c, o = sum(closed) / 2, sum(opened) / 2
        effect, noise = (o - c) / c * 100, (closed[1] - closed[0]) / closed[0] * 100
        effects.append(effect)
        noises.append(noise)
        lines.append(f"| {block} | {c:.1f} | {o:.1f} | {effect:+.1f}% | {noise:+.1f}% |")
    if effects:
        middle = sorted(effects)[len(effects) // 2]
        lines.append(
            f"| all | | | median {middle:+.1f}% (blocks {min(effects):+.1f}% to {max(effects):+.1f}%) "
            f"| {min(noises):+.1f}% to {max(noises):+.1f}% |"
        )
    lines += [
        "",
        "small-ui-abba: one gateway process, warmed up with the UI's polling on; rounds in blocks"
        " of closed, open, open, closed; every round also carries the baseline admin traffic"
        f" ({baseline}). open vs closed = mean of the block's open rounds against its closed"
        " rounds; closed vs closed = the block's second closed round against its first.",
    ]
    return "\n".join(lines)


def problems(runs):
    found = []
    for run in runs:
        if run.requests == 0:
            found.append(f"{run.case} via {run.target}: no request completed")
        if run.non_2xx:
            found.append(f"{run.case} via {run.target}: {run.non_2xx} responses >= 400")
        if run.rpc_errors:
            found.append(
                f"{run.case} via {run.target}: {run.rpc_errors} JSON-RPC errors or tool errors"
            )
        if run.errors:
            found.append(
                f"{run.case} via {run.target}: {run.errors} connect/write/timeout errors"
            )
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", required=True)
    parser.add_argument("--environment", required=True)
    parser.add_argument("--clk-tck", type=int, required=True)
    parser.add_argument("--self-check", action="store_true")
    parser.add_argument("--ttft", help="TTFT medians of the streamed cases (run.sh)")
    parser.add_argument("--ui-rounds", help="the rounds of small-ui-abba (run.sh)")
    parser.add_argument("--ui-baseline", default="none", help="baseline admin traffic")
    args = parser.parse_args()

    runs = read_runs(args.results, args.clk_tck)
    with open(args.environment, encoding="utf-8") as environment:
        print(environment.read().rstrip())
    print()
    print(table(runs))
    print()
    print(
        "proxy CPU = utime+stime of the proxy process (nginx: master + workers; gateway: the JVM,"
        " all threads) during the measured run, per 1000 requests; proxy cores busy = that CPU"
        " time / wall time (1.00 = one core fully used); load1 = 1-minute load average"
        " just before the run; errors = connect/write/timeout errors + responses >= 400"
        " + (MCP) answers that were a JSON-RPC error or a tool error."
    )
    if args.ttft:
        print()
        print(ttft_table(args.ttft))
        print()
        print(
            "TTFT = curl's time_starttransfer (first byte of the answer) of sequential requests,"
            " one at a time, after the measured run."
        )
    ui = ui_rounds(args.ui_rounds, args.clk_tck) if args.ui_rounds else []
    if ui:
        print()
        print(ui_table(ui, args.ui_baseline))
    found = problems(runs)
    for block, state, wrk, _, _ in ui:
        bad = wrk["non_2xx"] + wrk["errors"]
        if bad or not wrk["requests"]:
            found.append(f"small-ui-abba block {block} ({state}): {bad} errors, "
                         f"{wrk['requests']} requests")
    for problem in found:
        print(f"problem: {problem}", file=sys.stderr)
    if args.self_check:
        print(f"self-check: {'FAILED' if found else 'ok'} ({len(runs)} runs)")
        return 1 if found or not runs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
