#!/usr/bin/python3
"""Runs the Java kernel in a real front end: Debian's classic Notebook server, driven by Selenium
in headless Chromium. Checks (issue 11, point 10):
  1. notebook 00 (a copy in a temporary folder) runs whole with Run All: every code cell ran, no
     error output, the patch image is shown;
  2. Run All stops at a failing cell: the cells after it do not run;
  3. a cell printing 5,000 lines shows all of them.
Takes a screenshot of notebook 00 after its run (--screenshot PATH, default in the temporary
folder). The server listens on 127.0.0.1 only, with a random token; the browser uses a fresh
profile. Every wait is bounded; the server, its kernels and the browser are stopped at the end.

Usage: environment/browser-test/browser_test.py [--screenshot PATH] [--keep]
Needs: chromium, chromium-driver, python3-selenium, jupyter-notebook (Debian), the "java" kernelspec.
"""
import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
JUPYTER = "/usr/bin/jupyter"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SERVER_START_TIMEOUT = 90
KERNEL_START_TIMEOUT = 120
NOTEBOOK_RUN_TIMEOUT = 600
SHORT_RUN_TIMEOUT = 180
TOTAL_TIMEOUT = 1200


def log(message):
    print(f"browser-test: {message}", flush=True)


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(path, sources):
    cells = [{"cell_type": "code", "execution_count": None, "id": f"cell-{i}", "metadata": {}, "outputs": [],
              "source": source} for i, source in enumerate(sources)]
    notebook = {"cells": cells, "metadata": {"kernelspec": {"name": "java", "display_name": "Java",
                                                           "language": "java"}},
                "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook, indent=1))


class Server:
    """The classic Notebook server on a free port with a fresh token; LabServer serves JupyterLab."""

    name = "the notebook server"

    def __init__(self, folder, env):
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.log_path = folder / "server.log"
        self.log_file = open(self.log_path, "w")
        # Its own session: the kernels it starts are stopped with it, by this process group's id.
        self.process = subprocess.Popen(self.command(folder), env=env, stdout=self.log_file,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Failure(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                self.api("GET", "/api/status")
                return
            except OSError:
                time.sleep(0.5)
        raise Failure(f"{self.name} did not answer within {SERVER_START_TIMEOUT} s")

    def command(self, folder):
        return [JUPYTER, "notebook", "--no-browser", "--allow-root", "--ip", "127.0.0.1",
                "--port", str(self.port), "--port-retries", "0", f"--notebook-dir={folder / 'notebooks'}",
                f"--NotebookApp.token={self.token}", "--NotebookApp.password=",
                "--NotebookApp.open_browser=False",
                # Notebook's default is 1000 messages/s over 3 s; a kernel sending one message per
                # println passes it on a slow machine and loses lines on a fast one. A limit of 100/s
                # makes the check the same everywhere; batched output sends ~20 messages/s at most.
                "--NotebookApp.iopub_msg_rate_limit=100",
                # trust database and signing key in the temporary folder, not in the user's data dir
                "--NotebookNotary.db_file=:memory:", f"--NotebookNotary.secret_file={folder / 'notebook_secret'}"]

    def api(self, method, path):
        request = urllib.request.Request(f"{self.base}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            return json.loads(body) if body else None

    def url(self, notebook):
        return f"{self.base}/notebooks/{notebook}?token={self.token}"

    def log_text(self):
        self.log_file.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self):
        try:
            for kernel in self.api("GET", "/api/kernels") or []:
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        except OSError:
            pass
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # what is left of this server's own group
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        self.log_file.close()


def start_browser(folder):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,2200",
                 f"--user-data-dir={folder / 'chromium-profile'}"):
        options.add_argument(flag)
    service = Service(executable_path=CHROMEDRIVER, log_path=str(folder / "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(30)
    return driver


def wait_for(driver, script, timeout, what):
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        try:
            value = driver.execute_script(script)
        except Exception:  # the page is still loading
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise Failure(f"timed out after {timeout} s waiting for {what}")


CELLS_STATE = """
const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
return cells.map(c => ({prompt: c.input_prompt_number === undefined ? null : c.input_prompt_number,
                        outputs: c.output_area.outputs}));
"""


def open_and_run_all(driver, server, name, timeout):
    driver.get(server.url(name))
    # Connected, and kernel_info answered (the banner is part of the reply).
    wait_for(driver, "return window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                     " && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel.info_reply"
                     " && Object.keys(Jupyter.notebook.kernel.info_reply).length > 0"
                     " && !Jupyter.notebook.kernel_busy;", KERNEL_START_TIMEOUT, f"the kernel of {name}")
    start = time.monotonic()
    driver.execute_script("Jupyter.notebook.execute_all_cells();")
    # Done when no cell shows '*' and the kernel is idle for a moment.
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        state = driver.execute_script(CELLS_STATE)
        busy = driver.execute_script("return Jupyter.notebook.kernel_busy;")
        running = any(c["prompt"] == "*" for c in state)
        if not running and not busy:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 2.0:
                return state, time.monotonic() - start
        else:
            quiet_since = None
        time.sleep(0.5)
    raise Failure(f"{name}: Run All did not finish within {timeout} s")


def stream_text(cell):
    return "".join(o.get("text", "") for o in cell["outputs"] if o.get("output_type") == "stream")


def check_notebook_00(driver, server, name, screenshot):
    state, seconds = open_and_run_all(driver, server, name, NOTEBOOK_RUN_TIMEOUT)
    not_run = [i + 1 for i, c in enumerate(state) if not isinstance(c["prompt"], int)]
    errors = [i + 1 for i, c in enumerate(state) if any(o.get("output_type") == "error" for o in c["outputs"])]
    images = sum(1 for c in state for o in c["outputs"] if "image/png" in o.get("data", {}))
    with_output = sum(1 for c in state if c["outputs"])
    shown_images = driver.execute_script(
        "return Array.from(document.querySelectorAll('.output_png img'))"
        ".filter(i => i.complete && i.naturalWidth > 0).length;")
    last = state[-1]["outputs"] if state else []
    last_text = "".join(o.get("data", {}).get("text/plain", "") for o in last)
    driver.execute_script("window.scrollTo(0, 0);")
    time.sleep(0.5)
    total_height = driver.execute_script("return document.getElementById('notebook').scrollHeight;")
    driver.set_window_size(1400, min(max(total_height + 200, 1200), 8000))
    time.sleep(1.0)
    driver.save_screenshot(str(screenshot))
    log(f"{name}: Run All in {seconds:.1f} s: {len(state)} code cells, {len(state) - len(not_run)} ran, "
        f"{with_output} with output, {images} image/png outputs ({shown_images} drawn in the page), "
        f"errors in cells {errors or 'none'}; last value {last_text.strip()!r}; screenshot {screenshot}")
    if not_run:
        raise Failure(f"{name}: code cells {not_run} did not run")
    if errors:
        raise Failure(f"{name}: error output in cells {errors}")
    if images < 1 or shown_images < 1:
        raise Failure(f"{name}: no image shown")
    if "setup check passed" not in last_text:
        raise Failure(f"{name}: the last cell's value is {last_text!r}")


def check_stop_on_error(driver, server, name):
    state, seconds = open_and_run_all(driver, server, name, SHORT_RUN_TIMEOUT)
    prompts = [c["prompt"] for c in state]
    texts = [stream_text(c) for c in state]
    failed = any(o.get("output_type") == "error" for o in state[1]["outputs"])
    log(f"{name}: Run All in {seconds:.1f} s: prompts {prompts}, cell 2 failed: {failed}, "
        f"cells 3-4 printed {texts[2:]!r}")
    if "before the error" not in texts[0] or not failed:
        raise Failure(f"{name}: cell 1 should print and cell 2 fail: {state}")
    if any(texts[2:]) or any(isinstance(p, int) for p in prompts[2:]):
        raise Failure(f"{name}: cells after the failing one ran: prompts {prompts}, output {texts[2:]!r}")


def check_many_lines(driver, server, name, count):
    state, seconds = open_and_run_all(driver, server, name, SHORT_RUN_TIMEOUT)
    lines = stream_text(state[0]).splitlines()
    shown = driver.execute_script(
        "return Array.from(document.querySelectorAll('.output_stdout pre')).map(p => p.textContent).join('')"
        ".split('\\n').filter(l => l.startsWith('line ')).length;")
    log(f"{name}: {len(lines)} of {count} lines arrived ({shown} in the page) in {seconds:.1f} s")
    if lines != [f"line {i}" for i in range(count)]:
        raise Failure(f"{name}: {len(lines)} of {count} lines arrived")
    if "rate exceeded" in server.log_text():
        raise Failure(f"{name}: the server log reports an IOPub rate limit")


def tear_down(driver, server, folder, screenshot, args, say=log):
    """Stops the browser and the server; keeps the work folder with --keep, else only the
    screenshot (with --screenshot, not even that: the caller named where it goes)."""
    signal.alarm(0)
    if driver:
        try:
            driver.quit()
        except Exception:
            pass
    if server:
        server.stop()
    if not args.keep and not args.screenshot:
        say(f"screenshot kept: {screenshot}")
        for item in folder.iterdir():
            if item != screenshot:
                shutil.rmtree(item, ignore_errors=True) if item.is_dir() else item.unlink()
    elif not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--screenshot", type=Path, help="where to write the PNG of notebook 00")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    for tool in (JUPYTER, CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            raise Failure(f"{tool} is missing (environment/setup installs it)")
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(Failure(f"over {TOTAL_TIMEOUT} s in all")))
    signal.alarm(TOTAL_TIMEOUT)

    folder = Path(tempfile.mkdtemp(prefix="ivit-browser-test-"))
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    source = next(iter(sorted((ROOT / "notebooks").glob("00-*.ipynb"))))
    shutil.copy(source, notebooks / source.name)
    write_notebook(notebooks / "stop-on-error.ipynb", [
        'System.out.println("before the error");',
        'int broken = 1 / Integer.parseInt("0");',
        'System.out.println("after the error");',
        'System.out.println("still after the error");'])
    count = 5000
    write_notebook(notebooks / "many-lines.ipynb",
                   [f'for (int i = 0; i < {count}; i++) {{ System.out.println("line " + i); }}'])
    screenshot = args.screenshot or folder / "notebook-00.png"

    env = dict(os.environ)
    env.update({"OPT_OUT_TRACKING": "true", "DJL_OFFLINE": "true", "IVIT_PROJECT_ROOT": str(ROOT),
                "JUPYTER_RUNTIME_DIR": str(folder / "runtime"), "JUPYTER_CONFIG_DIR": str(folder / "config"),
                })
    server = driver = None
    try:
        server = Server(folder, env)
        log(f"notebook server on 127.0.0.1:{server.port} (pid {server.process.pid}), folder {folder}")
        driver = start_browser(folder)
        log(f"chromium {driver.capabilities.get('browserVersion', '?')} (headless)")
        failures = []
        for check in (lambda: check_notebook_00(driver, server, source.name, screenshot),
                      lambda: check_stop_on_error(driver, server, "stop-on-error.ipynb"),
                      lambda: check_many_lines(driver, server, "many-lines.ipynb", count)):
            try:
                check()
            except Failure as failure:  # the other checks still run
                log(f"FAILED: {failure}")
                failures.append(str(failure))
        if failures:
            raise Failure(f"{len(failures)} of 3 checks failed")
        log("all checks passed")
        return 0
    except Failure as failure:
        log(f"FAILED: {failure}")
        if server:
            tail = server.log_text().splitlines()[-30:]
            print("\n".join("    server: " + line for line in tail), file=sys.stderr)
        return 1
    finally:
        tear_down(driver, server, folder, screenshot, args)


if __name__ == "__main__":
    sys.exit(main())
