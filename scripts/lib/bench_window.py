#!/usr/bin/env python3
"""The runs of the window benchmark; scripts/bench-window.sh builds, starts the services and calls this.

Each window (the blank window, the app on the demonstration board, the app on twenty years of
cases) is started RUNS times, the windows taking turns so that the machine's load falls on all
alike, after one unmeasured warm-up each. Each run measures:

- home: from starting the process to its first screen painted with its data. The page reports
  the paint (src-tauri/src/paint_marks.rs) with the monotonic clock that is read here just
  before the process is started;
- idle PSS 5 s after the start: the process and every process under it (WebKit's web and network
  processes), from /proc/PID/smaps_rollup;
- for the app, a real click on Cases (xdotool, on the Xvfb display) to the cases list painted,
  timed by the page from the click event ("data at": when the backend's answer had arrived, the
  rest being the page's rendering; "wall": from just before xdotool clicked to the paint mark);
  and the PSS 1 s after the list was painted.

Prints medians and the ratios to the blank window; writes every run to a JSON file.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

MARK_TIMEOUT_S = 60.0
IDLE_AFTER_S = 5.0
SETTLE_S = 1.0


def monotonic_ns():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def read_marks(path):
    """[(mark, ns, {key: value})] from the marks file, complete lines only."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        return []
    marks = []
    for line in text.splitlines(keepends=True):
        if not line.endswith("\n"):
            break
        name, ns, *rest = line.split()
        marks.append((name, int(ns), dict(item.split("=", 1) for item in rest)))
    return marks


def wait_for_mark(path, name, seen, process):
    """The first `name` mark after the first `seen` marks; fails if the window exits or never paints."""
    deadline = time.monotonic() + MARK_TIMEOUT_S
    while time.monotonic() < deadline:
        marks = read_marks(path)
        for mark in marks[seen:]:
            if mark[0] == name:
                return mark, len(marks)
        if process.poll() is not None:
            raise RuntimeError(f"the window exited ({process.returncode}) before painting {name}")
        time.sleep(0.002)
    raise RuntimeError(f"no '{name}' paint mark within {MARK_TIMEOUT_S:.0f} s")


def children_by_parent():
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = stat_fields(stat)[1]
        parents.setdefault(ppid, []).append(int(entry))
    return parents


def process_tree(pid):
    parents = children_by_parent()
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(parents.get(current, []))
    return tree


def stat_fields(stat):
    """The numbers of /proc/PID/stat from its third field (state, ppid, ...) on, as text but the
    state. The name is in parentheses and may hold spaces: the fields start after the last ')'."""
    state, *numbers = stat[stat.rindex(")") + 2 :].split()
    return [state, *map(int, numbers)]


def proc_value(text, name):
    """The number after `name` in a /proc file of "Name: value" lines; 0 if it is not there."""
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith(name)), 0)


def by_process_name(pid, measure):
    """`measure(member)` (a tuple of numbers) for the process and every process under it, added up
    by process name; a process that has gone meanwhile is passed over."""
    by_name = {}
    for member in process_tree(pid):
        try:
            comm = Path(f"/proc/{member}/comm").read_text().strip()
            values = measure(member)
        except OSError:
            continue
        before = by_name.get(comm, (0,) * len(values))
        by_name[comm] = tuple(a + b for a, b in zip(before, values))
    return by_name


def pss_of_tree(pid):
    """Total PSS in MB, and PSS by process name."""
    def pss_mb(member):
        return (proc_value(Path(f"/proc/{member}/smaps_rollup").read_text(), "Pss:") / 1024,)

    by_name = {name: mb for name, (mb,) in by_process_name(pid, pss_mb).items()}
    return sum(by_name.values()), by_name


def disk_reads_of_tree(pid):
    """What the process and its children had read from storage so far: MB read through the
    block layer (/proc/PID/io read_bytes) and major page faults (pages mapped back in from disk),
    by process name."""
    def reads(member):
        io = Path(f"/proc/{member}/io").read_text()
        stat = Path(f"/proc/{member}/stat").read_text()
        return (proc_value(io, "read_bytes:") / 1e6, stat_fields(stat)[9])

    return by_process_name(pid, reads)


def click(pid, at):
    """A real pointer click at `at` (CSS pixels, scale 1 under Xvfb) in the window of `pid`."""
    found = subprocess.run(
        ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(pid)],
        check=True, capture_output=True, text=True, timeout=30,
    )
    window = found.stdout.split()[0]
    x, y = at.split(",")
    started = monotonic_ns()
    subprocess.run(["xdotool", "mousemove", "--window", window, x, y, "click", "1"], check=True, timeout=30)
    return started


def stop(process):
    tree = process_tree(process.pid)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    # WebKit's processes leave with the window; any that linger were started by it, so by us.
    for pid in tree[1:]:
        try:
            os.kill(pid, 15)
        except ProcessLookupError:
            pass
    # The next window starts only once every process of this one has gone and the machine has
    # settled: WebKit's processes finish writing their caches after the window has closed, and a
    # start overlapping that work was measured up to 200 ms slower, always for the window that
    # came next in the rotation.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in tree[1:]):
        time.sleep(0.02)
    time.sleep(SETTLE_S)


def one_run(window, work, label, env):
    marks_path = work / f"marks-{label}"
    marks_path.unlink(missing_ok=True)
    run_env = dict(env, SCR_DESK_PAINT_MARKS=str(marks_path))
    log = open(work / f"{label}.log", "w")
    started = monotonic_ns()
    process = subprocess.Popen(window["command"], env=run_env, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    result = {}
    try:
        (_, painted, extra), seen = wait_for_mark(marks_path, "home", 0, process)
        result["home_ms"] = (painted - started) / 1e6
        result["disk_at_home"] = disk_reads_of_tree(process.pid)
        # The page's stages, on its own clock from the start of its navigation (paint_marks.rs).
        stages = {key: float(extra[f"{key}_at"]) for key in ("script", "status", "data", "painted") if f"{key}_at" in extra}
        if "painted" in stages:
            stages["navigation"] = result["home_ms"] - stages["painted"]
        result["stages"] = stages
        idle_at = started + int(IDLE_AFTER_S * 1e9)
        time.sleep(max(0, idle_at - monotonic_ns()) / 1e9)
        result["idle_pss_mb"], result["idle_pss_by_process"] = pss_of_tree(process.pid)
        if window["cases"]:
            if "click_at" not in extra:
                raise RuntimeError("the first screen did not say where the Cases link is")
            clicked = click(process.pid, extra["click_at"])
            (_, listed, extra), _ = wait_for_mark(marks_path, "cases", seen, process)
            result["cases_ms"] = float(extra["since_click"])
            result["cases_data_ms"] = float(extra["data_since_click"])
            result["cases_wall_ms"] = (listed - clicked) / 1e6
            time.sleep(1.0)
            result["cases_pss_mb"], _ = pss_of_tree(process.pid)
    finally:
        stop(process)
        log.close()
    return result


def median(runs, key):
    values = [run[key] for run in runs if key in run]
    return statistics.median(values) if values else None


def load_average():
    return Path("/proc/loadavg").read_text().split()[:3]


def report(windows, results):
    blank = results["blank"]
    blank_home, blank_pss = median(blank, "home_ms"), median(blank, "idle_pss_mb")
    print(f"\n{'window':<26}{'home ms':>9}{'range':>15}{'x blank':>9}{'idle PSS MB':>13}{'- blank':>9}"
          f"{'cases ms':>10}{'data at':>9}{'(wall)':>8}{'PSS w/ cases':>14}")
    for window in windows:
        runs = results[window["name"]]
        home, pss = median(runs, "home_ms"), median(runs, "idle_pss_mb")
        homes = [run["home_ms"] for run in runs]
        line = (f"{window['title']:<26}{home:>9.0f}{f'{min(homes):.0f}-{max(homes):.0f}':>15}"
                f"{home / blank_home:>9.2f}{pss:>13.0f}{pss - blank_pss:>+9.0f}")
        if window["cases"]:
            line += (f"{median(runs, 'cases_ms'):>10.0f}{median(runs, 'cases_data_ms'):>9.0f}"
                     f"{median(runs, 'cases_wall_ms'):>8.0f}"
                     f"{median(runs, 'cases_pss_mb'):>14.0f}")
        print(line)
    print("\nthe first screen's way (ms, median): process start to the page's navigation, then on the page's clock")
    for window in windows:
        runs = [run.get("stages", {}) for run in results[window["name"]]]
        parts = []
        last = None
        for key, label in (("navigation", "to navigation"), ("script", "script running"),
                           ("status", "status answered"), ("data", "data answered"), ("painted", "painted")):
            values = [stage[key] for stage in runs if key in stage]
            if not values:
                continue
            if key == "navigation":
                parts.append(f"{label} {statistics.median(values):.0f}")
            else:
                at = statistics.median(values)
                parts.append(f"{label} at {at:.0f}" + (f" (+{at - last:.0f})" if last is not None else ""))
                last = at
        print(f"  {window['title'] + ':':<28}{', '.join(parts)}")
    print("\nidle PSS by process (MB, median):")
    for window in windows:
        runs = results[window["name"]]
        names = sorted({name for run in runs for name in run["idle_pss_by_process"]})
        parts = [f"{name} {statistics.median(run['idle_pss_by_process'].get(name, 0) for run in runs):.0f}"
                 for name in names]
        print(f"  {window['title'] + ':':<28}{', '.join(parts)}")
    print("\nbudgets, medians of this run:")
    for window in windows[1:]:
        runs = results[window["name"]]
        home, pss = median(runs, "home_ms"), median(runs, "idle_pss_mb")
        checks = [
            (f"home <= 1.15 x blank ({1.15 * blank_home:.0f} ms)", home <= 1.15 * blank_home),
            ("home <= 500 ms", home <= 500),
            (f"idle PSS <= blank + 30 MB ({blank_pss + 30:.0f} MB)", pss <= blank_pss + 30),
        ]
        if window["cases"] and window.get("cases_budget"):
            checks.append(("cases <= 300 ms after the click", median(runs, "cases_ms") <= 300))
        print(f"  {window['title']}: " + "; ".join(f"{what}: {'yes' if ok else 'NO'}" for what, ok in checks))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--app", required=True)
    parser.add_argument("--blank", required=True)
    parser.add_argument("--demo", required=True, help="data folder of the demonstration board")
    parser.add_argument("--twenty-years", required=True, help="data folder of the twenty-year archive")
    parser.add_argument("--work", required=True, help="a private folder for marks, logs and WebKit's data")
    parser.add_argument("--results", required=True, help="JSON file for every run's figures")
    args = parser.parse_args()

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    # WebKit keeps caches and storage under XDG folders: private ones, kept across runs (warm, as for a user).
    env = dict(os.environ)
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[variable] = str(work / variable.lower())
    windows = [
        {"name": "blank", "title": "blank window", "command": [args.blank], "cases": False},
        {"name": "demo", "title": "app, demonstration board", "command": [args.app, "--data-dir", args.demo],
         "cases": True},
        {"name": "twenty_years", "title": "app, 1,000 cases", "cases": True, "cases_budget": True,
         "command": [args.app, "--data-dir", args.twenty_years]},
    ]
    results = {window["name"]: [] for window in windows}
    loads = [load_average()]
    print(f"load average at the start: {' '.join(loads[0])}", flush=True)
    for window in windows:
        one_run(window, work, f"{window['name']}-warm-up", env)
    for number in range(1, args.runs + 1):
        # Each round starts with the next window, so that no window's figures rest on always
        # following the same one. In a run in the fixed order the demonstration board, always
        # second, reached its navigation 23 ms after the 1,000-case window (median of 10); taking
        # turns, the three windows' medians were 324, 321 and 321 ms (12 runs).
        first = (number - 1) % len(windows)
        for window in windows[first:] + windows[:first]:
            run = one_run(window, work, f"{window['name']}-{number}", env)
            results[window["name"]].append(run)
            cases = f", cases {run['cases_ms']:.0f} ms" if "cases_ms" in run else ""
            print(f"run {number:>2} {window['title']:<26} home {run['home_ms']:>5.0f} ms, "
                  f"idle PSS {run['idle_pss_mb']:>4.0f} MB{cases}", flush=True)
    loads.append(load_average())
    print(f"load average at the end: {' '.join(loads[1])}")
    report(windows, results)
    Path(args.results).write_text(json.dumps({"load_average": loads, "runs": results}, indent=1))
    print(f"\nevery run: {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
