#!/usr/bin/python3
"""Runs the Java kernel in JupyterLab 4's notebook: a page of our own (jupyterlab/) built from the
@jupyterlab/* npm packages, served by Debian's jupyter_server 1.23, driven by Selenium in headless
Chromium. Checks:
  1. notebook 04-results (a copy in a temporary folder, reading the checkout's results/) runs
     whole with Run All: every code cell ran, no error output, every HTML table and PNG figure the
     kernel sent is drawn by JupyterLab's renderers, and there are as many as the notebook makes;
  2. completion: "Str" + Tab in a new cell opens JupyterLab's completer listing "String";
  3. interrupt: a cell in Thread.sleep(60000) stops on Interrupt, and the kernel then runs a cell;
  4. restart: after Restart the kernel has forgotten the notebook's variables and runs a new cell.
Saves a screenshot of notebook 04 after its run (--screenshot PATH, default in the temporary folder).

The page is bundled once: `npm ci` runs only when package-lock.json changed since the last run,
the bundle only when its sources did (stamps in jupyterlab/build/). npm is the only network use.

Usage: environment/browser-test/browser_test_lab.py [--screenshot PATH] [--keep]
Needs: nodejs and npm, python3-jupyter-server, chromium, chromium-driver, python3-selenium (Debian),
and the "java" kernelspec (environment/install-kernel).
"""
import argparse
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_test import CHROMEDRIVER, CHROMIUM, Failure, start_browser, wait_for
import browser_test

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PAGE_PROJECT = HERE / "jupyterlab"
BUILD = PAGE_PROJECT / "build"
PAGE = BUILD / "page"
PYTHON = "/usr/bin/python3"
NOTEBOOK = "04-results.ipynb"
# What notebook 04 draws from the committed records: six result tables (Tables 1 and 2 and the
# paired differences, paper and quick profile) and six charts, plus the attention figures of the
# last section (shown from results/figures when no checkpoint is at hand).
EXPECTED_TABLE_OUTPUTS = 6
EXPECTED_MIN_IMAGES = 6
KERNEL_START_TIMEOUT = 120
NOTEBOOK_RUN_TIMEOUT = 600
SHORT_RUN_TIMEOUT = 120
NPM_TIMEOUT = 900
TOTAL_TIMEOUT = 1800


def log(message):
    print(f"browser-test-lab: {message}", flush=True)


def digest(paths):
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.relative_to(PAGE_PROJECT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def run_npm(args, what):
    npm = shutil.which("npm")
    if not npm:
        raise Failure("npm is missing (Debian: apt-get install nodejs npm; environment/setup installs them)")
    start = time.monotonic()
    result = subprocess.run([npm, *args], cwd=PAGE_PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, timeout=NPM_TIMEOUT)
    if result.returncode != 0:
        raise Failure(f"{what} failed ({result.returncode}):\n{result.stdout[-4000:]}")
    return time.monotonic() - start


def folder_size_mb(folder):
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    return total / 1e6


def build_page():
    """npm ci when package-lock.json changed, the bundle when its inputs changed; else nothing."""
    BUILD.mkdir(exist_ok=True)
    lock_stamp = BUILD / "npm-ci.sha256"
    lock_digest = digest([PAGE_PROJECT / "package-lock.json"])
    modules = PAGE_PROJECT / "node_modules"
    if modules.is_dir() and lock_stamp.is_file() and lock_stamp.read_text() == lock_digest:
        log("npm ci: skipped, package-lock.json unchanged since the last install")
    else:
        lock_stamp.unlink(missing_ok=True)
        # No install scripts: nothing this page uses needs one (rspack's binary is a plain package).
        seconds = run_npm(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci")
        lock_stamp.write_text(lock_digest)
        log(f"npm ci: {seconds:.0f} s, node_modules {folder_size_mb(modules):.0f} MB")
    bundle_stamp = BUILD / "bundle.sha256"
    inputs = [PAGE_PROJECT / "package-lock.json", PAGE_PROJECT / "rspack.config.js",
              *sorted((PAGE_PROJECT / "src").rglob("*"))]
    bundle_digest = digest([p for p in inputs if p.is_file()])
    if (PAGE / "index.html").is_file() and bundle_stamp.is_file() and bundle_stamp.read_text() == bundle_digest:
        log("bundle: skipped, its sources are unchanged since the last build")
    else:
        bundle_stamp.unlink(missing_ok=True)
        seconds = run_npm(["run", "--silent", "build"], "the bundle (rspack)")
        bundle_stamp.write_text(bundle_digest)
        log(f"bundle: {seconds:.0f} s, {folder_size_mb(PAGE):.1f} MB in {PAGE.relative_to(ROOT)}")


class LabServer(browser_test.Server):
    """jupyter_server serving the notebooks folder, its REST API and kernels, and the page as static files."""

    name = "jupyter_server"

    def command(self, folder):
        return [PYTHON, "-m", "jupyter_server", "--no-browser", "--allow-root", "--ip", "127.0.0.1",
                "--port", str(self.port), "--port-retries", "0", f"--ServerApp.root_dir={folder / 'notebooks'}",
                f"--ServerApp.token={self.token}", "--ServerApp.password=", "--ServerApp.open_browser=False",
                f"--ServerApp.extra_static_paths={PAGE}"]

    def url(self, notebook):
        return f"{self.base}/static/index.html?path={notebook}&token={self.token}"


# The page's state (window.ivitLab, set by jupyterlab/src/index.js) and the notebook's cells.
CELLS_STATE = """
const lab = window.ivitLab;
return lab.notebook.widgets.filter(c => c.model.type === 'code').map(c => ({
  count: c.model.executionCount, running: c.model.executionState === 'running',
  source: c.model.sharedModel.getSource(), outputs: c.model.outputs.toJSON()}));
"""
# What JupyterLab's renderers drew: HTML outputs with a table, and PNG images that loaded.
DRAWN = """
const outputs = Array.from(document.querySelectorAll('.jp-OutputArea-output'));
const tables = outputs.filter(o => o.classList.contains('jp-RenderedHTMLCommon') && o.querySelector('table'));
const images = Array.from(document.querySelectorAll('.jp-RenderedImage img'));
return {tableOutputs: tables.length, tableRows: tables.map(t => t.querySelectorAll('tr').length),
        images: images.length, loaded: images.filter(i => i.complete && i.naturalWidth > 0).length};
"""


def finished(driver, command):
    return driver.execute_script(f"return window.ivitLab.finished['{command}'] || 0;")


def click(driver, command):
    driver.find_element(By.CSS_SELECTOR, f'.ivit-toolbar button[data-command="{command}"]').click()


def wait_idle(driver, command, before, timeout, what):
    """Waits until `command` finished once more than `before`, then for the kernel to be idle."""
    wait_for(driver, f"return (window.ivitLab.finished['{command}'] || 0) > {before}"
                     " && window.ivitLab.kernelStatus === 'idle';", timeout, what)


def open_notebook(driver, server, name):
    driver.get(server.url(name))
    wait_for(driver, "const l = window.ivitLab; if (l && l.errors.length) return 'error';"
                     " return l && l.ready && l.kernelStatus === 'idle';", KERNEL_START_TIMEOUT,
             f"the page and the kernel of {name}")
    errors = driver.execute_script("return window.ivitLab.errors;")
    if errors:
        raise Failure(f"the page failed: {errors}")


def output_texts(cell):
    parts = []
    for output in cell["outputs"]:
        parts.append(output.get("text", "") if isinstance(output.get("text", ""), str) else "".join(output["text"]))
        parts.append(str(output.get("data", {}).get("text/plain", "")))
        if output.get("output_type") == "error":
            parts.append(f"{output.get('ename')}: {output.get('evalue')}")
    return "".join(parts)


def check_run_all(driver, server, screenshot):
    open_notebook(driver, server, NOTEBOOK)
    start = time.monotonic()
    click(driver, "notebook:run-all-cells")
    wait_idle(driver, "run-all", 0, NOTEBOOK_RUN_TIMEOUT, f"Run All of {NOTEBOOK}")
    seconds = time.monotonic() - start
    time.sleep(1.0)  # the last image decodes
    cells = driver.execute_script(CELLS_STATE)
    drawn = driver.execute_script(DRAWN)
    not_run = [i + 1 for i, c in enumerate(cells) if not isinstance(c["count"], int)]
    errors = [f"cell {i + 1}: {output_texts({'outputs': [o]})[:200]}" for i, c in enumerate(cells)
              for o in c["outputs"] if o.get("output_type") == "error"]
    sent_tables = sum(1 for c in cells for o in c["outputs"] if "<table" in str(o.get("data", {}).get("text/html", "")))
    sent_images = sum(1 for c in cells for o in c["outputs"]
                      for mime in ("image/png", "image/jpeg") if mime in o.get("data", {}))
    take_full_screenshot(driver, screenshot)
    log(f"{NOTEBOOK}: Run All in {seconds:.1f} s: {len(cells)} code cells, {len(cells) - len(not_run)} ran; "
        f"{sent_tables} HTML table outputs sent, {drawn['tableOutputs']} drawn (rows {drawn['tableRows']}); "
        f"{sent_images} images sent, {drawn['images']} in the page, {drawn['loaded']} loaded; "
        f"errors: {errors or 'none'}; screenshot {screenshot}")
    if not_run:
        raise Failure(f"{NOTEBOOK}: code cells {not_run} did not run")
    if errors:
        raise Failure(f"{NOTEBOOK}: error output: {errors}")
    if sent_tables != EXPECTED_TABLE_OUTPUTS or drawn["tableOutputs"] != sent_tables:
        raise Failure(f"{NOTEBOOK}: expected {EXPECTED_TABLE_OUTPUTS} HTML tables, the kernel sent {sent_tables}"
                      f" and {drawn['tableOutputs']} were drawn")
    if any(rows < 2 for rows in drawn["tableRows"]):
        raise Failure(f"{NOTEBOOK}: a drawn table has no body row: rows {drawn['tableRows']}")
    if sent_images < EXPECTED_MIN_IMAGES or drawn["loaded"] != sent_images or drawn["images"] != sent_images:
        raise Failure(f"{NOTEBOOK}: expected at least {EXPECTED_MIN_IMAGES} images, the kernel sent {sent_images},"
                      f" {drawn['images']} are in the page and {drawn['loaded']} loaded")
    if "rate exceeded" in server.log_text():
        raise Failure(f"{NOTEBOOK}: the server log reports an IOPub rate limit")


def take_full_screenshot(driver, screenshot):
    # A viewport as tall as the notebook (a window cannot be), so the whole notebook is drawn at once.
    height = driver.execute_script(  # the notebook scrolls in its windowed panel's outer box
        "const boxes = Array.from(document.querySelectorAll('.jp-Notebook, .jp-WindowedPanel-outer'));"
        " boxes.forEach(e => { e.scrollTop = 0; });"
        " return Math.max(...boxes.map(e => e.scrollHeight));")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1400, "height": min(height + 60, 30000), "deviceScaleFactor": 1, "mobile": False})
    time.sleep(2.0)
    driver.save_screenshot(str(screenshot))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    time.sleep(0.5)


def new_cell(driver):
    before = finished(driver, "insert")
    click(driver, "notebook:insert-cell-below")
    wait_for(driver, f"return (window.ivitLab.finished['insert'] || 0) > {before};", 10, "a new cell")
    editor = driver.find_element(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell.jp-mod-active .cm-content")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", editor)
    editor.click()
    return editor


def run_in_new_cell(driver, source, timeout):
    """Puts `source` in a new cell, runs it with the Run Cell button, returns the cell's state."""
    new_cell(driver)
    driver.execute_script("window.ivitLab.notebook.activeCell.model.sharedModel.setSource(arguments[0]);", source)
    before = finished(driver, "run-cell")
    click(driver, "notebook:run-cell")
    wait_idle(driver, "run-cell", before, timeout, f"the cell {source!r}")
    return driver.execute_script(CELLS_STATE)[-1]


def check_completion(driver):
    editor = new_cell(driver)
    editor.send_keys("Str")
    editor.send_keys(Keys.TAB)
    items = wait_for(driver, "const c = document.querySelector('.jp-Completer');"
                             " if (!c || c.classList.contains('lm-mod-hidden')) return null;"
                             " const items = Array.from(c.querySelectorAll('.jp-Completer-item'))"
                             ".map(i => i.getAttribute('data-value') || i.textContent.trim());"
                             " return items.length ? items : null;", 30, "the completer after Str + Tab")
    log(f"completion: Str + Tab listed {len(items)} items, first {items[:6]}")
    if "String" not in items:
        raise Failure(f"completion: 'String' is not among {items}")
    editor.send_keys(Keys.ESCAPE)


def check_interrupt(driver):
    new_cell(driver)
    driver.execute_script("window.ivitLab.notebook.activeCell.model.sharedModel.setSource(arguments[0]);",
                          'Thread.sleep(60000);\nSystem.out.println("slept a whole minute");')
    before = finished(driver, "run-cell")
    click(driver, "notebook:run-cell")
    wait_for(driver, "return window.ivitLab.kernelStatus === 'busy';", 30, "the sleeping cell to start")
    time.sleep(2.0)
    start = time.monotonic()
    click(driver, "notebook:interrupt-kernel")
    wait_idle(driver, "run-cell", before, 30, "the interrupted cell to stop")
    stopped = time.monotonic() - start
    cell = driver.execute_script(CELLS_STATE)[-1]
    text = output_texts(cell)
    after = run_in_new_cell(driver, "6 * 7", SHORT_RUN_TIMEOUT)
    log(f"interrupt: the sleeping cell stopped {stopped:.1f} s after Interrupt with {text.strip()[:160]!r};"
        f" the next cell gave {output_texts(after).strip()!r}")
    if "slept a whole minute" in text:
        raise Failure("interrupt: the cell slept its whole minute")
    if output_texts(after).strip() != "42":
        raise Failure(f"interrupt: the kernel did not work afterwards: {after}")


def check_restart(driver):
    before = finished(driver, "restart")
    click(driver, "notebook:restart-kernel")
    wait_idle(driver, "restart", before, KERNEL_START_TIMEOUT, "the restarted kernel")
    forgotten = run_in_new_cell(driver, "runsDir", SHORT_RUN_TIMEOUT)
    fresh = run_in_new_cell(driver, '"after restart " + (40 + 2)', SHORT_RUN_TIMEOUT)
    forgot = any(o.get("output_type") == "error" for o in forgotten["outputs"])
    log(f"restart: runsDir after the restart: {output_texts(forgotten).strip()[:120]!r};"
        f" a new cell gave {output_texts(fresh).strip()!r}")
    if not forgot:
        raise Failure(f"restart: the kernel still knows runsDir: {forgotten}")
    if "after restart 42" not in output_texts(fresh):
        raise Failure(f"restart: the new cell gave {fresh}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--screenshot", type=Path, help="where to write the PNG of notebook 04")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    for tool in (PYTHON, CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            raise Failure(f"{tool} is missing (environment/setup installs it)")
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(Failure(f"over {TOTAL_TIMEOUT} s in all")))
    signal.alarm(TOTAL_TIMEOUT)
    started = time.monotonic()

    folder = Path(tempfile.mkdtemp(prefix="ivit-browser-test-lab-"))
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, notebooks / NOTEBOOK)
    screenshot = args.screenshot or folder / "notebook-04-jupyterlab.png"

    env = dict(os.environ)
    env.pop("IVIT_RESULTS_DIR", None)  # notebook 04 shows the checkout's committed records
    env.update({"OPT_OUT_TRACKING": "true", "DJL_OFFLINE": "true", "IVIT_PROJECT_ROOT": str(ROOT),
                "JUPYTER_RUNTIME_DIR": str(folder / "runtime"), "JUPYTER_CONFIG_DIR": str(folder / "config")})
    server = driver = None
    try:
        build_page()
        server = LabServer(folder, env)
        log(f"jupyter_server on 127.0.0.1:{server.port} (pid {server.process.pid}), folder {folder}")
        driver = start_browser(folder)
        driver.set_window_size(1400, 1200)
        log(f"chromium {driver.capabilities.get('browserVersion', '?')} (headless)")
        failures = []
        for check in (lambda d: check_run_all(d, server, screenshot), check_completion, check_interrupt,
                      check_restart):
            try:
                check(driver)
            except Failure as failure:  # the other checks still run
                log(f"FAILED: {failure}")
                failures.append(str(failure))
        if failures:
            raise Failure(f"{len(failures)} of 4 checks failed")
        log(f"all checks passed in {time.monotonic() - started:.0f} s")
        return 0
    except Failure as failure:
        log(f"FAILED: {failure}")
        if driver:
            try:
                log(f"page errors: {driver.execute_script('return window.ivitLab && window.ivitLab.errors;')}")
            except Exception:
                pass
        if server:
            tail = server.log_text().splitlines()[-30:]
            print("\n".join("    server: " + line for line in tail), file=sys.stderr)
        return 1
    finally:
        browser_test.tear_down(driver, server, folder, screenshot, args, say=log)


if __name__ == "__main__":
    sys.exit(main())
