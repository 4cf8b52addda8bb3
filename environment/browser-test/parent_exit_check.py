#!/usr/bin/python3
"""A kernel whose client dies must exit, as ipykernel does: a client process (as nbconvert or a
console would be) starts the Java kernel with jupyter_client and sets a cell running that sleeps for
ten minutes; the client is then killed with SIGKILL, so it can send no shutdown_request. The kernel
JVM must be gone within 20 seconds (it watches the process named by JPY_PARENT_PID).

Usage: parent_exit_check.py; IVIT_KERNEL names the kernelspec (default "java").
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

KERNEL = os.environ.get("IVIT_KERNEL", "java")
DEADLINE_S = 20

CLIENT = r"""
import sys, time
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name=sys.argv[1])
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)
kc.execute("Thread.sleep(600_000);")
time.sleep(2)  # the cell is running now
print(km.provisioner.process.pid, flush=True)
time.sleep(3600)
"""


def exited(pid):
    """True once the process is gone or only a zombie waiting for its reaper."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def main():
    client = subprocess.Popen([sys.executable, "-c", CLIENT, KERNEL], stdout=subprocess.PIPE, text=True)
    try:
        line = client.stdout.readline().strip()
        if not line.isdigit():
            print(f"parent-exit: FAIL: the client did not start the kernel {KERNEL!r} (printed {line!r})")
            return 1
        kernel = int(line)
        if exited(kernel):
            print(f"parent-exit: FAIL: kernel {kernel} was not running before its client was killed")
            return 1
        os.kill(client.pid, signal.SIGKILL)
        client.wait()
        killed = time.monotonic()
        while time.monotonic() - killed < DEADLINE_S:
            if exited(kernel):
                print(f"parent-exit: OK: the kernel exited {time.monotonic() - killed:.1f} s after its client was killed")
                return 0
            time.sleep(0.2)
        print(f"parent-exit: FAIL: kernel {kernel} still runs {DEADLINE_S} s after its client was killed; killing it")
        os.kill(kernel, signal.SIGKILL)
        return 1
    finally:
        if client.poll() is None:
            client.kill()
            client.wait()


if __name__ == "__main__":
    sys.exit(main())
