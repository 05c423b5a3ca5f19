"""Start battsim as a subprocess and talk to it, with Python's standard library only.

battsim prints one JSON line on stdout when it is ready (``--ready-json``): its URL, credentials and the
simulation control's URL. With ``--port 0`` it picks a free port, so tests can run in parallel.

The command defaults to the ``battsim`` your project installed (the nearest ``node_modules/.bin/battsim`` from the
working directory up), else ``battsim`` on PATH, else ``npx --no-install battsim``; started directly it is ready half
a second sooner than through npx. Set BATTSIM_COMMAND to a JSON list to run it another way, e.g. ``["battsim"]`` or
``["docker", "run", ...]``.
"""
import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request


class Battsim:
    """A running emulator: where it listens and a few HTTP helpers."""

    def __init__(self, ready):
        self.ready = ready
        self.url = ready["url"]
        self.control_url = ready["controlUrl"]
        self.credentials = ready["credentials"]

    def request(self, method, path, body=None, auth=True, base=None):
        """Returns (status, parsed JSON or text) for one request; HTTP errors are answers, not exceptions."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request((base or self.url) + path, data=data, method=method)
        if body is not None:
            req.add_header("Content-Type", "application/json")
        if auth and self.credentials and base is None:
            token = f'{self.credentials["user"]}:{self.credentials["password"]}'.encode()
            req.add_header("Authorization", "Basic " + base64.b64encode(token).decode())
        try:
            with urllib.request.urlopen(req, timeout=10) as res:
                return res.status, _parse(res.read())
        except urllib.error.HTTPError as e:
            return e.code, _parse(e.read())

    def sim(self, method, path, body=None):
        """The simulation control (/_sim/...): state, clock, faults, scenarios."""
        return self.request(method, path, body, base=self.control_url)

    def advance(self, seconds):
        """Moves the manual clock; returns once the model has caught up."""
        status, _ = self.sim("POST", "/clock/advance", {"seconds": seconds})
        assert status == 200, status


def _parse(raw):
    text = raw.decode()
    try:
        return json.loads(text)
    except ValueError:
        return text


def battsim_command():
    """BATTSIM_COMMAND if set; else the project's node_modules/.bin/battsim, battsim on PATH, or npx."""
    if os.environ.get("BATTSIM_COMMAND"):
        return json.loads(os.environ["BATTSIM_COMMAND"])
    directory = os.getcwd()
    while True:
        installed = os.path.join(directory, "node_modules", ".bin", "battsim")
        if os.access(installed, os.X_OK):
            return [installed]
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    on_path = shutil.which("battsim")
    return [on_path] if on_path else ["npx", "--no-install", "battsim"]


@contextlib.contextmanager
def start_battsim(*args):
    """``with start_battsim("sessy", "--speed", "manual") as sessy:`` starts it on a free port and stops it after."""
    with tempfile.TemporaryFile() as stderr:
        command = battsim_command() + list(args) + ["--port", "0", "--ready-json"]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)
        try:
            line = proc.stdout.readline()
            if not line:
                proc.wait(timeout=10)
                stderr.seek(0)
                raise RuntimeError(f"battsim exited ({proc.returncode}) before it was ready: {stderr.read().decode()}")
            yield Battsim(json.loads(line))
        finally:
            proc.terminate()  # SIGTERM: battsim closes its server and exits 0
            proc.wait(timeout=10)
            proc.stdout.close()
