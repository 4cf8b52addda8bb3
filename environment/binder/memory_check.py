#!/usr/bin/python3
"""The Binder memory scenario: notebook 02 trains in one kernel, which then sits idle; notebook 03
then trains in a second kernel while the first stays open, as a Binder user with both notebooks
open would have it. Everything (this driver and both kernel JVMs) runs inside one memory cgroup
of --limit-mb (Binder's 2 GB), so an OOM kill there is the one a Binder user would suffer.

Prints the idle kernel's resident memory (RSS, from /proc/PID/status) after 02, the cgroup's peak
while 03 runs, and whether the cgroup's OOM killer fired. Exit status 1 if the idle RSS is above
--idle-limit-mb, a kernel died, a cell failed or the OOM killer fired; 77 (SKIP) where no memory
cgroup can be made (not root, no cgroup v1 memory controller or v2 memory controller).

Usage (as root): memory_check.py --kernel java --results DIR [--limit-mb 2048] [--idle-limit-mb 700]
    [--idle-seconds 60] [--only-02]
IVIT_DATA_DIR must name the prepared data; DIR is a fresh results folder (see environment/binder/memory-check).
"""
import argparse
import os
import sys
import threading
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager

SKIP = 77
CELL_TIMEOUT = 3600


class MemoryCgroup:
    """A memory cgroup folder (v1 memory controller or v2) that this process moves itself into."""

    def __init__(self, limit_bytes):
        name = f"ivit-memory-check-{os.getpid()}"
        v1 = Path("/sys/fs/cgroup/memory")
        v2 = Path("/sys/fs/cgroup")
        if (v1 / "memory.limit_in_bytes").exists():
            self.version = 1
            self.path = v1 / name
            self.path.mkdir()
            (self.path / "memory.limit_in_bytes").write_text(str(limit_bytes))
            # Without swap the limit is the real one; with swap keep swap out of it, like Binder.
            memsw = self.path / "memory.memsw.limit_in_bytes"
            if memsw.exists():
                try:
                    memsw.write_text(str(limit_bytes))
                except OSError:
                    pass
        elif "memory" in (v2 / "cgroup.controllers").read_text().split():
            self.version = 2
            self.path = v2 / name
            self.path.mkdir()
            (self.path / "memory.max").write_text(str(limit_bytes))
            swap = self.path / "memory.swap.max"
            if swap.exists():
                swap.write_text("0")
        else:
            raise OSError("no cgroup v1 memory controller at /sys/fs/cgroup/memory and no 'memory' in /sys/fs/cgroup/cgroup.controllers")
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def usage(self):
        name = "memory.usage_in_bytes" if self.version == 1 else "memory.current"
        return int((self.path / name).read_text())

    def peak(self):
        name = "memory.max_usage_in_bytes" if self.version == 1 else "memory.peak"
        file = self.path / name
        return int(file.read_text()) if file.exists() else None

    def oom_kills(self):
        name = "memory.oom_control" if self.version == 1 else "memory.events"
        for line in (self.path / name).read_text().splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
        return 0

    def remove(self):
        # Move back to the root group first: a folder with processes cannot be removed.
        root = self.path.parent
        try:
            (root / "cgroup.procs").write_text(str(os.getpid()))
            self.path.rmdir()
        except OSError as e:
            print(f"memory-check: could not remove {self.path}: {e}", file=sys.stderr)


def rss_bytes(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def mb(value):
    return "n/a" if value is None else f"{value / 2**20:.0f} MB"


class Kernel:
    """One kernel started with jupyter_client, its pid, and its cells run in order."""

    def __init__(self, name, label, cwd):
        self.label = label
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel(cwd=str(cwd))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)
        self.pid = self.km.provisioner.process.pid

    def alive(self):
        return self.km.is_alive()

    def run_notebook(self, path):
        nb = nbformat.read(str(path), as_version=4)
        cells = [c for c in nb.cells if c.cell_type == "code"]
        for number, cell in enumerate(cells, 1):
            started = time.monotonic()

            def show(msg):
                if msg["msg_type"] == "stream":
                    for line in msg["content"]["text"].splitlines():
                        print(f"[{self.label} cell {number}] {line}", flush=True)
                elif msg["msg_type"] == "error":
                    print(f"[{self.label} cell {number}] {msg['content']['ename']}: {msg['content']['evalue']}", flush=True)

            reply = self.kc.execute_interactive(cell.source, timeout=CELL_TIMEOUT, output_hook=show)
            status = reply["content"]["status"]
            print(f"[{self.label} cell {number}] {status}, {time.monotonic() - started:.0f} s, "
                  f"kernel RSS {mb(rss_bytes(self.pid))}", flush=True)
            if status != "ok":
                raise RuntimeError(f"{self.label}: cell {number} of {path.name} ended with {status}")

    def stop(self):
        try:
            self.kc.stop_channels()
            self.km.shutdown_kernel(now=True)
        except Exception as e:  # a kernel the OOM killer took has nothing left to stop
            print(f"memory-check: stopping {self.label}: {e}", file=sys.stderr)


class PeakSampler(threading.Thread):
    """Samples the summed RSS of some pids every half second (the cgroup's own peak counts cache too)."""

    def __init__(self, pids, cgroup, report_every_s=60):
        super().__init__(daemon=True)
        self.pids = pids
        self.cgroup = cgroup
        self.report_every_s = report_every_s
        self.peak = 0
        self.stopped = threading.Event()

    def run(self):
        last_report = time.monotonic()
        while not self.stopped.wait(0.5):
            self.peak = max(self.peak, sum(rss_bytes(p) or 0 for p in self.pids))
            if time.monotonic() - last_report >= self.report_every_s:
                last_report = time.monotonic()
                print(f"memory-check: so far: peak RSS of both kernels {mb(self.peak)}, now "
                      + ", ".join(mb(rss_bytes(p)) for p in self.pids)
                      + (f"; cgroup peak {mb(self.cgroup.peak())}, OOM kills {self.cgroup.oom_kills()}" if self.cgroup else ""),
                      flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kernel", default="java")
    parser.add_argument("--results", required=True, type=Path)
    parser.add_argument("--limit-mb", type=int, default=2048)
    parser.add_argument("--idle-limit-mb", type=int, default=700)
    parser.add_argument("--idle-seconds", type=int, default=60)
    parser.add_argument("--only-02", action="store_true", help="train 02 and measure its idle kernel; no 03")
    parser.add_argument("--no-cgroup", action="store_true", help="measure without a memory cgroup")
    args = parser.parse_args()

    notebooks = Path(__file__).resolve().parents[2] / "notebooks"
    os.environ["IVIT_RESULTS_DIR"] = str(args.results)
    if "IVIT_DATA_DIR" not in os.environ:
        print("memory-check: IVIT_DATA_DIR must name the prepared data", file=sys.stderr)
        return 2

    cgroup = None
    if not args.no_cgroup:
        try:
            cgroup = MemoryCgroup(args.limit_mb * 2**20)
        except OSError as e:
            print(f"SKIP: memory-check: cannot make a {args.limit_mb} MB memory cgroup: {e}")
            return SKIP
        print(f"memory-check: cgroup v{cgroup.version} {cgroup.path}, limit {args.limit_mb} MB", flush=True)

    failures = []
    kernels = []
    try:
        first = Kernel(args.kernel, "02", notebooks)
        kernels.append(first)
        print(f"memory-check: kernel 02 pid {first.pid}, RSS at start {mb(rss_bytes(first.pid))}", flush=True)
        training = PeakSampler([first.pid], cgroup)
        training.start()
        first.run_notebook(notebooks / "02-fine-tuning.ipynb")
        training.stopped.set()
        print(f"memory-check: kernel 02 peak RSS while 02 ran {mb(training.peak)}", flush=True)
        after_run = rss_bytes(first.pid)
        time.sleep(args.idle_seconds)
        idle = rss_bytes(first.pid)
        print(f"memory-check: kernel 02 RSS right after its last cell {mb(after_run)}, "
              f"after {args.idle_seconds} s idle {mb(idle)} (limit {args.idle_limit_mb} MB)", flush=True)
        if idle is None or idle > args.idle_limit_mb * 2**20:
            failures.append(f"idle kernel after 02 holds {mb(idle)}, more than {args.idle_limit_mb} MB")

        if not args.only_02:
            second = Kernel(args.kernel, "03", notebooks)
            kernels.append(second)
            sampler = PeakSampler([first.pid, second.pid], cgroup)
            sampler.start()
            try:
                second.run_notebook(notebooks / "03-prompt-tuning.ipynb")
            except Exception as e:
                failures.append(str(e))
            sampler.stopped.set()
            print(f"memory-check: while 03 ran: peak RSS of both kernels {mb(sampler.peak)}, "
                  f"cgroup peak {mb(cgroup.peak() if cgroup else None)}; kernel 02 RSS now {mb(rss_bytes(first.pid))}", flush=True)
            if not first.alive():
                failures.append("kernel 02 died while 03 ran")
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        if cgroup:
            kills = cgroup.oom_kills()
            print(f"memory-check: OOM kills in the cgroup: {kills}", flush=True)
            if kills:
                failures.append(f"the OOM killer fired {kills} time(s)")
        for kernel in kernels:
            kernel.stop()
        if cgroup:
            cgroup.remove()
    for failure in failures:
        print(f"memory-check: FAIL: {failure}", file=sys.stderr)
    if not failures:
        print("memory-check: OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
