#!/usr/bin/python3
"""Drives the installed "java" kernel over the Jupyter protocol (jupyter_client), as a front end
does, and checks what issue 11 point 10 fixed:
  - stop_on_error: requests queued behind a failing or interrupted cell are answered "aborted",
    a later one runs, and stop_on_error=False lets the queue run on;
  - a 5,000-line print arrives whole, in a few stream messages;
  - text printed by a thread after its cell ended arrives (under the last cell), not in the server log;
  - inspect answers with the cursor on a name, after it, and inside or after the call.
Exits non-zero with a message on the first failed check. Every wait is bounded."""
import sys
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120


def fail(message):
    print(f"protocol-check: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def collect(kc, msg_id, timeout=TIMEOUT):
    """The iopub messages of one request, up to its idle status."""
    messages = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        except Exception:
            break
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages
    fail(f"no idle status for request {msg_id} within {timeout} s")


def reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    fail(f"no reply to {msg_id} within {timeout} s")


def stdout_of(messages):
    return "".join(m["content"]["text"] for m in messages
                   if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def main():
    km, kc = start_new_kernel(kernel_name="java", startup_timeout=TIMEOUT)
    try:
        # 1. Run All: four requests sent at once; the second fails.
        ids = [kc.execute(code) for code in (
            "int ranFirst = 1;",
            "int broken = undefinedName + 1;",
            "System.out.println(\"must not run\");",
            "System.out.println(\"must not run either\");")]
        statuses = [reply(kc, i)["content"]["status"] for i in ids]
        for i in ids:
            collect(kc, i)
        print(f"protocol-check: Run All with a failing 2nd cell: replies {statuses}")
        if statuses != ["ok", "error", "aborted", "aborted"]:
            fail(f"expected ok, error, aborted, aborted; got {statuses}")
        # sent at once after the error reply, as a program would: nothing was queued, so it runs
        later = kc.execute("System.out.println(\"ran after the error\");")
        status = reply(kc, later)["content"]["status"]
        out = stdout_of(collect(kc, later))
        if status != "ok" or "ran after the error" not in out:
            fail(f"a cell run after the error was not run: {status} {out!r}")
        # stop_on_error=False: the next queued cell runs
        a = kc.execute("throw new RuntimeException(\"x\");", stop_on_error=False)
        b = kc.execute("System.out.println(\"runs anyway\");")
        sa, sb = reply(kc, a)["content"]["status"], reply(kc, b)["content"]["status"]
        collect(kc, a), collect(kc, b)
        if (sa, sb) != ("error", "ok"):
            fail(f"stop_on_error=False: expected error, ok; got {sa}, {sb}")
        # interrupting a running cell aborts the cells queued behind it too
        loop = kc.execute("long spins = 0; while (true) { spins++; }")
        queued = kc.execute("System.out.println(\"queued behind the loop\");")
        time.sleep(2.0)
        km.interrupt_kernel()
        statuses = [reply(kc, loop)["content"]["status"], reply(kc, queued)["content"]["status"]]
        collect(kc, loop), collect(kc, queued)
        if statuses != ["error", "aborted"]:
            fail(f"interrupt: expected error, aborted; got {statuses}")
        print("protocol-check: stop_on_error: queued cells aborted after an error and after an interrupt, "
              "a later cell runs, stop_on_error=false runs on")

        # 2. 5,000 lines
        start = time.monotonic()
        big = kc.execute("for (int i = 0; i < 5000; i++) System.out.println(\"line \" + i);")
        reply(kc, big)
        messages = collect(kc, big)
        lines = stdout_of(messages).splitlines()
        streams = sum(1 for m in messages if m["msg_type"] == "stream")
        print(f"protocol-check: 5,000-line print: {len(lines)} lines in {streams} stream messages, "
              f"{time.monotonic() - start:.2f} s")
        if lines != [f"line {i}" for i in range(5000)]:
            fail(f"5,000 lines expected in order, got {len(lines)}")

        # 3. a thread prints after its cell ended
        t = kc.execute("new Thread(() -> { try { Thread.sleep(500); } catch (InterruptedException e) { }"
                       " System.out.println(\"late from a thread\"); }).start();")
        reply(kc, t)
        collect(kc, t)
        deadline = time.monotonic() + 20
        late = None
        while time.monotonic() < deadline and late is None:
            try:
                msg = kc.get_iopub_msg(timeout=1)
            except Exception:
                continue
            if msg["msg_type"] == "stream" and "late from a thread" in msg["content"]["text"]:
                late = msg
        if late is None:
            fail("text printed by a thread after its cell ended never reached the front end")
        if late["parent_header"].get("msg_id") != t:
            fail("late output does not name the last cell as its parent")
        print("protocol-check: output of a thread after its cell ended arrived under that cell")

        # 4. inspect
        setup = kc.execute("String greeting = \"hello\";")
        reply(kc, setup), collect(kc, setup)
        code = "greeting.substring(1)"
        for cursor in (code.index("sub") + 3, code.index("("), code.index("(") + 1, len(code)):
            msg_id = kc.inspect(code, cursor)
            content = reply(kc, msg_id)["content"]
            text = content.get("data", {}).get("text/plain", "")
            if not content.get("found") or "substring(int beginIndex)" not in text:
                fail(f"inspect at {cursor} of {code!r}: {content}")
        print("protocol-check: inspect answers on the name, after it, inside and after the call")
        print("protocol-check: all checks passed")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
