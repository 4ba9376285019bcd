"""The web-app stage's browser client: drives the served app through headless Chromium the way a user would,
the same way for every framework (docs/adapters.md, "Web apps in a real browser").

Run as the `client` of a server step, so the server is the process that serves the page the browser loads
and the runner's server measurements (start until healthy, memory) are the app's. An adapter's serve step
(its steps.py) names its app's CSS hooks and calls drive():

    drive(inputs={"sepal_length": "#sepal_length input", ...}, button="#predict", output="#prediction")

A selector may hop into shadow roots with " >>> " (Panel's Bokeh widgets live in shadow DOM): every part is
searched in the current root and in all shadow roots below it, and the next part in the match's shadow root.

Measured, in the last stdout line (webcommon.report_latencies):
  get_to_usable_s     page requested -> every input and the button clickable and the output present
  start_to_usable_s   the runner's server start -> healthy (BAKEOFF_READY_SECONDS) plus get_to_usable_s:
                      the wait of a user who opened the page as soon as the server answered
  p50_ms / p95_ms     click -> the shown answer changed, over the seeded requests, each answer checked
  first_page_bytes    bytes the browser received for the first page: HTTP on the wire (headers included,
                      compressed as sent) plus websocket frames, until the network was quiet for 1 s
  first_page_requests HTTP requests of the first page; external_requests: those not to 127.0.0.1
The browser is Debian's chromium and chromedriver; Selenium is given the driver's path, so Selenium Manager
(which would go online) never runs.
"""
import base64
import json
import os
import shutil
import signal
import tempfile
import time
from urllib.parse import urlparse

from selenium import webdriver
from selenium.common.exceptions import JavascriptException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.keys import Keys

from bakeoff_step import fail
from webcommon import FEATURES, report_latencies, requests_plan

CHROMIUM = os.environ.get("BAKEOFF_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("BAKEOFF_CHROMEDRIVER", "/usr/bin/chromedriver")
# --headless=new: no display; --no-sandbox: Chromium refuses to start as root without it. The other two keep
# it working in containers (small /dev/shm, no GPU).
FLAGS = ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000"]
POLL_S = 0.01       # a coarser poll would quantise every latency (WebDriverWait's default is 0.5 s)
READY_TIMEOUT_S = 120
ANSWER_TIMEOUT_S = 30

# Finds the element of a " >>> "-separated selector path, searching nested shadow roots; returns null when
# absent. With arguments[1] true it returns the element's shown text (a form field's value) instead.
FIND_JS = """
const parts = arguments[0], wantText = arguments[1];
function deep(root, sel) {
  const hit = root.querySelector(sel);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) { const h = deep(el.shadowRoot, sel); if (h) return h; }
  }
  return null;
}
let root = document, el = null;
for (let i = 0; i < parts.length; i++) {
  el = deep(root, parts[i]);
  if (!el) return null;
  if (i < parts.length - 1) { root = el.shadowRoot; if (!root) return null; }
}
if (!wantText) return el;
const tag = el.tagName;
return (tag === 'TEXTAREA' || tag === 'INPUT') ? el.value : el.innerText;
"""


class Page:
    """The browser session on the app: finds elements by hook, types, clicks, reads the answer."""

    def __init__(self, driver):
        self.driver = driver

    def find(self, selector):
        return self.driver.execute_script(FIND_JS, selector.split(" >>> "), False)

    def text(self, selector):
        try:
            value = self.driver.execute_script(FIND_JS, selector.split(" >>> "), True)
        except JavascriptException:
            return None
        return None if value is None else value.strip()

    def clickable(self, selector):
        el = self.find(selector)
        try:
            return el if el is not None and el.is_displayed() and el.is_enabled() else None
        except WebDriverException:       # re-rendered between find and check
            return None

    def wait_for(self, what, timeout, condition):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value is not None and value is not False:
                return value
            time.sleep(POLL_S)
        raise TimeoutError(f"{what} within {timeout} s")

    def type_number(self, selector, value):
        """Replaces the field's text with value; returns the retypes needed. Select-all and type, as a user
        does (element.clear() does not reach React state: Streamlit snaps back), then re-read: a framework may echo an intermediate
        value ("5." -> 5) back into the box while keystrokes still arrive."""
        for attempt in range(3):
            box = self.wait_for(f"input {selector!r} clickable", ANSWER_TIMEOUT_S, lambda: self.clickable(selector))
            # One call: chromedriver moves the caret to the end whenever the field is not the document's
            # active element, which a field in a shadow root never is, so a separate call would append.
            box.send_keys(Keys.CONTROL, "a", Keys.NULL, f"{value:g}")
            time.sleep(0.05)
            try:
                if float(self.text(selector) or "nan") == value:
                    return attempt
            except ValueError:
                pass
        fail(f"the input {selector!r} does not keep the value {value}: it shows {self.text(selector)!r}")


class NetLog:
    """DevTools Network events from Chrome's performance log (get_log drains the buffer, so they accumulate)."""

    def __init__(self, driver):
        self.driver, self.events = driver, []

    def drain(self):
        new = [json.loads(e["message"])["message"] for e in self.driver.get_log("performance")]
        self.events += [m for m in new if m["method"].startswith("Network.")]
        return len(new)

    def settle(self, quiet_s=1.0, max_s=15.0):
        """Waits until no event arrived for quiet_s (late chunks, fonts, websocket traffic)."""
        end, last = time.monotonic() + max_s, time.monotonic()
        while time.monotonic() < end and time.monotonic() - last < quiet_s:
            if self.drain():
                last = time.monotonic()
            time.sleep(0.1)

    def summary(self):
        urls, wire, ws_in = {}, 0, 0
        for m in self.events:
            p, method = m["params"], m["method"]
            if method == "Network.requestWillBeSent":
                urls[p["requestId"]] = p["request"]["url"]
            elif method == "Network.loadingFinished":
                wire += int(p.get("encodedDataLength", 0))       # on the wire, headers included
            elif method == "Network.webSocketFrameReceived":
                r = p["response"]                                  # binary frames (opcode 2) are base64
                ws_in += len(base64.b64decode(r["payloadData"]) if r.get("opcode") == 2 else r["payloadData"].encode())
        external = [u for u in urls.values() if u.startswith("http") and urlparse(u).hostname not in ("127.0.0.1", "localhost")]
        return {"first_page_requests": len(urls), "first_page_http_bytes": wire, "first_page_ws_bytes": ws_in,
                "first_page_bytes": wire + ws_in, "external_requests": len(external)}


def start_browser(tmp):
    """Chromium with its temporary files in `tmp`: it puts a Unix socket there, and a socket path longer than
    107 bytes (a deep work dir's TMPDIR) makes it exit at start ("Socket path too long")."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})   # DevTools Network.* events
    # The driver's log stays in the work dir (kept when the step fails): it says why a session did not start.
    log = os.path.join(os.environ.get("BAKEOFF_WORK", "."), "chromedriver.log")
    service = Service(CHROMEDRIVER, service_args=["--verbose"], log_output=log, env={**os.environ, "TMPDIR": tmp})
    return webdriver.Chrome(service=service, options=options)


def reap_browser(grace_s=5.0):
    """Waits for the browser's processes to exit after driver.quit(), then kills what is left of them. They are
    the processes of this client's process group other than the client (Chromium's helpers can outlive
    chromedriver for a moment, and the runner fails a step that leaves a process behind)."""
    me, group = os.getpid(), os.getpgid(0)

    def members():
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) != me:
                try:
                    fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[2]) == group and fields[0] != "Z":     # fields: state, ppid, pgrp
                    pids.append(int(entry))
        return pids

    deadline = time.monotonic() + grace_s
    while members() and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in members():
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def drive(inputs, button, output, path="/"):
    """Loads the app at 127.0.0.1:<BAKEOFF_PORT><path>, waits until usable, makes every seeded prediction through
    the page and prints the verdict line. inputs maps each feature (webcommon.FEATURES) to its field's hook."""
    if sorted(inputs) != sorted(FEATURES):
        fail(f"the client names inputs {sorted(inputs)}, the app has {FEATURES}")
    port = int(os.environ["BAKEOFF_PORT"])        # the server step's port, set by the runner
    ready = os.environ.get("BAKEOFF_READY_SECONDS")     # set by the runner for a server step's client
    rows, expected = requests_plan()
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not os.access(binary, os.X_OK):
            fail(f"{binary} is missing: install it with apt-get install chromium chromium-driver (scripts/install-deps.sh)")
    tmp = tempfile.mkdtemp(prefix="bakeoff-chromium-", dir="/tmp")
    t = time.perf_counter()
    try:
        driver = start_browser(tmp)
    except WebDriverException as err:
        shutil.rmtree(tmp, ignore_errors=True)
        fail(f"headless Chromium did not start ({err.msg}); see chromedriver.log in the work dir")
    browser_start_s = time.perf_counter() - t
    try:
        page, net = Page(driver), NetLog(driver)
        t_get = time.perf_counter()
        driver.get(f"http://127.0.0.1:{port}{path}")
        for hook in [*inputs.values(), button]:
            page.wait_for(f"{hook!r} was not clickable", READY_TIMEOUT_S, lambda: page.clickable(hook))
        page.wait_for(f"the output {output!r} was not shown", READY_TIMEOUT_S, lambda: page.text(output) is not None)
        get_to_usable_s = time.perf_counter() - t_get
        net.settle()
        first_page = net.summary()

        latencies, answers, retyped = [], [], 0
        for row in rows:
            for feature, value in zip(FEATURES, row):
                retyped += page.type_number(inputs[feature], value)
            previous = page.text(output)
            target = page.wait_for(f"button {button!r} clickable", ANSWER_TIMEOUT_S, lambda: page.clickable(button))
            t = time.perf_counter()
            target.click()
            shown = page.wait_for(f"the answer in {output!r} was still {previous!r} after clicking for {row}",
                                  ANSWER_TIMEOUT_S, lambda: (v := page.text(output)) not in (None, "", previous) and v)
            latencies.append(time.perf_counter() - t)
            answers.append(shown)
    except TimeoutError as err:
        fail(f"in the browser: {err}")
    finally:
        driver.quit()
        reap_browser()
        shutil.rmtree(tmp, ignore_errors=True)
    if ready is not None:
        first_page["start_to_usable_s"] = round(float(ready) + get_to_usable_s, 3)
    report_latencies(latencies, answers, expected, path="headless Chromium", browser=driver.capabilities.get("browserVersion"),
                     get_to_usable_s=round(get_to_usable_s, 3), browser_start_s=round(browser_start_s, 3),
                     retyped_inputs=retyped, **first_page)
