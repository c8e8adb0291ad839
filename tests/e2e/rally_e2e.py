# rally_e2e.py — drive the real Rally binary through the accessibility tree, as a person would.
#
# Used by the tests in this folder, which meson runs with /usr/bin/python3 (Debian's
# python3-pyatspi) under xvfb-run and dbus-run-session. Each test prints TAP.

import os
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi
from gi.repository import GLib


class Tap:
    """Minimal TAP output: ok/not ok lines, a plan at the end, exit status 1 on failure."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, condition, description):
        self.count += 1
        if condition:
            print(f"ok {self.count} {description}", flush=True)
        else:
            self.failed += 1
            print(f"not ok {self.count} {description}", flush=True)
        return condition

    def done(self):
        print(f"1..{self.count}", flush=True)
        sys.exit(1 if self.failed else 0)


def wait_for(predicate, timeout=10.0, interval=0.1):
    """Polls predicate until it returns something true, or None after timeout seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = predicate()
        except GLib.GError:
            # a window or widget went away while the tree was read (a file chooser
            # closing, say): read it again on the next round
            value = None
        if value:
            return value
        time.sleep(interval)
    return None


class RallyApp:
    """The real binary on a fresh workspace; stops it and removes the workspace on exit."""

    def __init__(self, *extra_args):
        self.tmp = tempfile.mkdtemp(prefix="rally-e2e-")
        env = dict(os.environ)
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        env["XDG_DATA_HOME"] = os.path.join(self.tmp, "data")
        env["XDG_CONFIG_HOME"] = os.path.join(self.tmp, "config")
        self.env = env
        self.data_dir = os.path.join(self.tmp, "workspace")
        self.binary = os.environ["RALLY_BIN"]
        self.extra_args = list(extra_args)
        self.proc = None
        self.app = None

    def run_cli(self, *args):
        return subprocess.run([self.binary, *args, f"--data-dir={self.data_dir}"],
                              env=self.env, capture_output=True, text=True, timeout=120)

    def _start(self):
        self.log_path = os.path.join(self.tmp, "rally-stderr.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([self.binary, f"--data-dir={self.data_dir}", *self.extra_args],
                                     env=self.env, stderr=self.log)
        return wait_for(lambda: self._find_app() or self.proc.poll() is not None, timeout=20)

    def stderr(self):
        with open(self.log_path) as f:
            return f.read()

    def __enter__(self):
        # A just-started Xvfb sometimes refuses a client ("cannot open display") on this
        # machine; that is the display's fault, not Rally's, so it gets two more tries.
        for attempt in range(3):
            self._start()
            self.app = self._find_app() if self.proc.poll() is None else None
            if self.app is not None or "cannot open display" not in self.stderr():
                break
            print(f"# retrying: the display refused Rally (attempt {attempt + 1})", flush=True)
            time.sleep(1)
        if self.app is None:
            sys.stderr.write(self.stderr())
            raise RuntimeError("Rally did not appear in the accessibility tree")
        wait_for(lambda: self.find("frame", "Rally"), timeout=10)
        return self

    def __exit__(self, *exc):
        if self.proc is not None:
            if self.proc.poll() is not None:
                sys.stderr.write(self.stderr())
                sys.stderr.write(f"rally exited with status {self.proc.returncode}\n")
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return False

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "rally":
                return app
        return None

    def find_all(self, role, name=None, root=None, showing=True):
        """Every accessible of ROLE (e.g. "push button"; None for any) named NAME, in tree order."""
        found = []

        def visit(node, depth):
            if node is None or depth > 60:
                return
            try:
                if (role is None or node.getRoleName() == role) and (name is None or node.name == name):
                    # GTK 4.8 exposes VISIBLE (not SHOWING): hidden stack pages still count.
                    if not showing or node.getState().contains(pyatspi.STATE_VISIBLE):
                        found.append(node)
                for i in range(node.childCount):
                    visit(node.getChildAtIndex(i), depth + 1)
            except Exception:
                return

        visit(root or self.app, 0)
        return found

    def find_prefix(self, role, prefix, root=None, timeout=5.0):
        """The first accessible of ROLE whose name starts with PREFIX (GTK 4.8 repeats a
        button's label after its accessible label, e.g. "Save Draft Save Draft")."""
        def look():
            return [n for n in self.find_all(role, None, root) if n.name and n.name.startswith(prefix)]
        result = wait_for(look, timeout=timeout)
        return result[0] if result else None

    def find(self, role, name=None, root=None, timeout=5.0):
        result = wait_for(lambda: self.find_all(role, name, root), timeout=timeout)
        return result[0] if result else None

    def click(self, node):
        """Performs the accessible's first action: click, press, activate or select."""
        action = node.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ("click", "press", "activate", "select", "toggle"):
                return action.doAction(i)
        return action.doAction(0)

    def type_into(self, node, text):
        editable = node.queryEditableText()
        editable.setTextContents(text)

    def text_of(self, node):
        try:
            t = node.queryText()
            return t.getText(0, t.characterCount)
        except NotImplementedError:
            return node.name

    def is_sensitive(self, node):
        return node.getState().contains(pyatspi.STATE_SENSITIVE)

    def is_selected(self, node):
        return node.getState().contains(pyatspi.STATE_SELECTED)

    def labels(self):
        return [n.name for n in self.find_all("label")]
