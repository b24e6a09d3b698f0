"""A small client of the hub of deploy/hub: start and stop it, create users
and start their servers through the REST API, and run Go cells on their
kernels over the kernel websocket, through the proxy, as JupyterLab does.

Used by tests/test_hub.py and bench/hub_load.py; loopback only. Needs
tornado (it comes with JupyterLab).
"""
import asyncio
import json
import os
import pwd
import signal
import socket
import subprocess
import time
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    """A JupyterHub started from deploy/hub/jupyterhub_config.py."""

    def __init__(self, prefix, state, users=(), log=None):
        self.prefix, self.state = prefix, state
        self.port, self.api_port, self.proxy_port = free_port(), free_port(), free_port()
        self.token = uuid.uuid4().hex + uuid.uuid4().hex
        self.url = "http://127.0.0.1:%d" % self.port
        self.users = list(users)
        self.log = log
        self.proc = None
        self.http = AsyncHTTPClient(force_instance=True)

    def start(self, timeout=90):
        """Start the hub and return the seconds until its API answers."""
        env = dict(os.environ)
        env.update({
            "BOLTZBOOK_HUB_PREFIX": self.prefix,
            "BOLTZBOOK_HUB_STATE": self.state,
            "BOLTZBOOK_HUB_PORT": str(self.port),
            "BOLTZBOOK_HUB_API_PORT": str(self.api_port),
            "BOLTZBOOK_PROXY_API_PORT": str(self.proxy_port),
            "BOLTZBOOK_HUB_API_TOKEN": self.token,
            "BOLTZBOOK_HUB_USERS": ",".join(self.users),
        })
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [os.path.join(self.prefix, "venv", "bin", "jupyterhub"), "-f", os.path.join(HERE, "jupyterhub_config.py")],
            cwd=self.state, env=env, stdout=self.log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
            start_new_session=True)
        import urllib.request
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("the hub exited with %d while starting" % self.proc.returncode)
            try:
                req = urllib.request.Request(self.url + "/hub/api/", headers={"Authorization": "token " + self.token})
                with urllib.request.urlopen(req, timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - t0
            except OSError:
                pass
            if time.monotonic() - t0 > timeout:
                raise TimeoutError("the hub did not answer within %d s" % timeout)
            time.sleep(0.1)

    def stop(self, users=()):
        """Stop the hub (it stops the proxy and the servers it started), and
        end whatever the given users still run."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        for name in users:
            for pid in user_pids(name):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.http.close()

    async def request(self, method, path, body=None, timeout=60, raw=False):
        req = HTTPRequest(self.url + path, method=method, request_timeout=timeout,
                          headers={"Authorization": "token " + self.token, "Content-Type": "application/json"},
                          body=None if body is None and method == "GET" else json.dumps(body or {}),
                          allow_nonstandard_methods=True)
        r = await self.http.fetch(req)
        if raw:
            return r
        return json.loads(r.body) if r.body else None

    async def api(self, method, path, body=None):
        return await self.request(method, "/hub/api" + path, body)

    async def create_users(self, names):
        await self.api("POST", "/users", {"usernames": list(names)})

    async def start_server(self, name, timeout=120):
        """Ask the hub for name's server; return the seconds until it is ready."""
        t0 = time.monotonic()
        try:
            await self.api("POST", "/users/%s/server" % name)
        except HTTPClientError as e:
            if e.code != 400:  # 400: already running
                raise
        while True:
            u = await self.api("GET", "/users/%s" % name)
            s = u.get("servers", {}).get("")
            if s and s.get("ready"):
                return time.monotonic() - t0
            if not s or not s.get("pending"):
                # Neither ready nor starting: the spawn failed (the hub's log says why).
                raise RuntimeError("%s's server failed to start" % name)
            if time.monotonic() - t0 > timeout:
                raise TimeoutError("%s's server is not ready after %d s" % (name, timeout))
            await asyncio.sleep(0.1)

    async def stop_server(self, name):
        try:
            await self.api("DELETE", "/users/%s/server" % name)
        except HTTPClientError:
            pass

    async def server(self, name, method, path, body=None, timeout=60):
        """Call name's single-user server API through the proxy."""
        return await self.request(method, "/user/%s/api%s" % (name, path), body, timeout)

    async def kernel(self, name, kernel_name="boltzbook"):
        """Start a kernel in name's server and connect to it."""
        t0 = time.monotonic()
        k = await self.server(name, "POST", "/kernels", {"name": kernel_name})
        url = "ws://127.0.0.1:%d/user/%s/api/kernels/%s/channels" % (self.port, name, k["id"])
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": "token " + self.token}),
                                     max_message_size=256 << 20)
        conn = Kernel(ws, k["id"])
        await conn.execute("1", timeout=60)  # the kernel is up and answering
        conn.start_time = time.monotonic() - t0
        return conn


class Kernel:
    """One kernel's websocket (the JSON protocol, as JupyterLab speaks it)."""

    def __init__(self, ws, kid):
        self.ws, self.id, self.session = ws, kid, uuid.uuid4().hex
        self.start_time = None

    async def execute(self, code, timeout=120):
        """Run code; return (result text or None, outputs, error or None, seconds)."""
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                       "username": "test", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }
        t0 = time.monotonic()
        await self.ws.write_message(json.dumps(msg))
        result, error, outputs, replied, idle = None, None, [], False, False
        while not (replied and idle):
            left = timeout - (time.monotonic() - t0)
            if left <= 0:
                raise TimeoutError("no reply within %d s to %r" % (timeout, code[:60]))
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise ConnectionError("the kernel websocket closed")
            m = json.loads(raw)
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            t, c = m["header"]["msg_type"], m["content"]
            if t == "execute_reply":
                replied = True
                if c.get("status") == "error":
                    error = error or "%s: %s" % (c.get("ename"), c.get("evalue"))
            elif t == "status" and c.get("execution_state") == "idle":
                idle = True
            elif t == "execute_result":
                result = c["data"].get("text/plain")
                outputs.append(m)
            elif t == "error":
                error = "%s: %s" % (c.get("ename"), c.get("evalue"))
                outputs.append(m)
            elif t in ("stream", "display_data", "update_display_data"):
                outputs.append(m)
        return result, outputs, error, time.monotonic() - t0

    def close(self):
        self.ws.close()


def stdout_of(outputs):
    return "".join(m["content"]["text"] for m in outputs
                   if m["header"]["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def user_pids(name):
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return []
    pids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.stat("/proc/" + d).st_uid == uid:
                    pids.append(int(d))
            except FileNotFoundError:
                pass
    return pids


def user_memory(name):
    """Resident memory (MiB) of name's processes: {"server": ..., "kernel": ..., "other": ...}."""
    mem = {"server": 0.0, "kernel": 0.0, "other": 0.0}
    for pid in user_pids(name):
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open("/proc/%d/status" % pid) as f:
                rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
        argv0 = os.path.basename(cmd.split(" ")[0])
        kind = "kernel" if argv0 == "boltzbook" else "server" if "jupyterhub-singleuser" in cmd else "other"
        mem[kind] += rss
    return mem


def delete_user(name):
    """Remove a Unix user made for a test, with its home."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        return
    for pid in user_pids(name):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    subprocess.run(["userdel", "--remove", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def code_cells(path):
    with open(path) as f:
        nb = json.load(f)
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]
