"""A small W3C WebDriver client for the end-to-end tests: starts tauri-driver (which starts
WebKitWebDriver and the app), opens sessions, runs scripts, presses keys, takes screenshots.
Plain HTTP: no client library to install."""
import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APP = os.environ.get("MEDIADESK_APP") or os.path.join(ROOT, "target", "debug", "mediadesk-app")
CLI = os.path.join(ROOT, "target", "debug", "mediadesk")
SHOTS = os.path.join(ROOT, "target", "e2e")

# W3C key codes.
ENTER, ESCAPE, TAB, CONTROL, BACKSPACE = "\ue007", "\ue00c", "\ue004", "\ue009", "\ue003"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(what, check, timeout=20.0):
    deadline = time.time() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def cli_json(library, *args):
    out = subprocess.run([CLI, "--library", library, *args, "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


class Driver:
    """tauri-driver on free ports; the app it starts inherits `env`."""

    def __init__(self, env, log_name):
        os.makedirs(SHOTS, exist_ok=True)
        self.port, native = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log = open(os.path.join(SHOTS, log_name), "wb")
        self.process = subprocess.Popen(["tauri-driver", "--port", str(self.port), "--native-port", str(native)],
                                        env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_for("tauri-driver", lambda: self._quietly(lambda: self.call("GET", "/status") is not None))

    def call(self, method, path, body=None, retry=True, timeout=60):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, method=method, data=data, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return json.load(response)["value"]
        except urllib.error.HTTPError as e:
            raise AssertionError(f"WebDriver {method} {path}: {e.read().decode(errors='replace')}") from None
        except ConnectionError:
            # tauri-driver sometimes reuses a connection to WebKitWebDriver that has just closed;
            # the request was never sent ("client error (SendRequest)"), so it is sent again.
            if not retry:
                raise
            print(f"WebDriver {method} {path}: connection lost, sending again", flush=True)
            time.sleep(0.5)
            return self.call(method, path, body, retry=False, timeout=timeout)

    @staticmethod
    def _quietly(action):
        try:
            return action()
        except (OSError, AssertionError):
            time.sleep(0.3)
            return None

    @contextlib.contextmanager
    def session(self):
        """The app in a window, closed (the process ends) when the block ends."""
        caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {"application": APP}}}}
        # tauri-driver answers before WebKitWebDriver behind it listens: try again for a while.
        sid = wait_for("a WebDriver session", lambda: self._quietly(lambda: self.call("POST", "/session", caps)["sessionId"]), 30)
        window = Window(self, f"/session/{sid}")
        # Scripts that wait for an import may take minutes on two cores.
        self.call("POST", f"/session/{sid}/timeouts", {"script": 300_000})
        try:
            # The session opens before the page's script has run: wait for its hooks.
            wait_for("the page's script", lambda: window.script("return !!window.mediadesk"), 30)
            yield window
        except BaseException:
            # What the window showed when the test failed.
            self._quietly(lambda: window.shot("failure.png"))
            raise
        finally:
            self.call("DELETE", f"/session/{sid}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Window:
    def __init__(self, driver, path):
        self.driver, self.path = driver, path

    def script(self, js, *args):
        return self.driver.call("POST", self.path + "/execute/sync", {"script": js, "args": list(args)})

    def run_async(self, js, *args):
        """Runs `js`, which ends by calling `done(result)` (the last argument)."""
        body = {"script": "const done = arguments[arguments.length - 1];\n" + js, "args": list(args)}
        return self.driver.call("POST", self.path + "/execute/async", body, timeout=600)

    def find(self, css):
        return list(self.driver.call("POST", self.path + "/element", {"using": "css selector", "value": css}).values())[0]

    def click(self, css):
        self.driver.call("POST", self.path + f"/element/{self.find(css)}/click", {})

    def type_into(self, css, text, clear=True):
        element = self.find(css)
        if clear:
            self.driver.call("POST", self.path + f"/element/{element}/clear", {})
        if text:
            self.driver.call("POST", self.path + f"/element/{element}/value", {"text": text})

    def ctrl_click(self, css):
        """A click with Ctrl held, as a person adds to a selection."""
        self.script("arguments[0].dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }))",
                    {"element-6066-11e4-a52e-4f735466cecf": self.find(css)})

    def set_input(self, css, value):
        """Sets a field's value as typing would (its input event), however long the value."""
        self.script("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                    "e.dispatchEvent(new Event('input', { bubbles: true }))", css, value)

    def keys(self, *keys):
        """Presses keys on whatever has the focus, as a person would (W3C key actions)."""
        actions = []
        for key in keys:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self.driver.call("POST", self.path + "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def chord(self, *keys):
        """Holds the keys down together (Ctrl+F), then lets them go."""
        down = [{"type": "keyDown", "value": k} for k in keys]
        up = [{"type": "keyUp", "value": k} for k in reversed(keys)]
        self.driver.call("POST", self.path + "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": down + up}]})

    def text(self, css):
        return self.script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null", css)

    def texts(self, css):
        return self.script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", css)

    def count(self, css):
        return self.script("return document.querySelectorAll(arguments[0]).length", css)

    def all_drawn(self, css):
        return self.script("const i = [...document.querySelectorAll(arguments[0])];"
                           "return i.length > 0 && i.every(x => x.complete && x.naturalWidth > 0)", css)

    def shot(self, name):
        """The screen as the user sees it, once the page has painted. Taken from the X display:
        WebKitWebDriver's own screenshot never returns after a click when the webview paints
        without compositing, as the app does."""
        painted = {"script": "requestAnimationFrame(() => requestAnimationFrame(() => arguments[0]()))", "args": []}
        self.driver.call("POST", self.path + "/execute/async", painted, timeout=10)
        subprocess.run(["import", "-window", "root", os.path.join(SHOTS, name)], check=True, timeout=30)
