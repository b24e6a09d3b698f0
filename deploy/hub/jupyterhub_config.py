# JupyterHub for a class on one machine, with the boltzbook Go kernel.
#
# `make hub` lays out everything under $BOLTZBOOK_HUB_PREFIX (default
# /opt/boltzbook-hub, see deploy/hub/install.sh) and starts
#
#   jupyterhub -f deploy/hub/jupyterhub_config.py
#
# as root. Each user gets a Unix account, a home that other users cannot
# read (0700), the worked notebooks and the released exercises in
# ~/notebooks, JupyterLab, and the boltzbook kernel as the default kernel,
# which reads MNIST from a shared read-only folder.
#
# What this file sets for a demo on one machine, and what a real deployment
# changes, is marked "REAL DEPLOYMENT" below. Environment variables (all
# optional):
#
#   BOLTZBOOK_HUB_PREFIX    where install.sh put things (/opt/boltzbook-hub)
#   BOLTZBOOK_HUB_STATE     the database and cookie secret (PREFIX/state)
#   BOLTZBOOK_HUB_IP/PORT   the public address (127.0.0.1:8000)
#   BOLTZBOOK_HUB_API_PORT, BOLTZBOOK_PROXY_API_PORT  internal ports (8081, 8001)
#   BOLTZBOOK_HUB_USERS     comma-separated user names allowed to log in
#   BOLTZBOOK_HUB_ADMINS    comma-separated admin names (teacher)
#   BOLTZBOOK_HUB_PASSWORD  the shared password of the users (8+ characters)
#   BOLTZBOOK_HUB_ADMIN_PASSWORD  the admins' password (32+ characters)
#   BOLTZBOOK_HUB_API_TOKEN an admin token for scripts and tests (a service)
import os
import pwd
import shutil
import subprocess

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads this file)

prefix = os.environ.get("BOLTZBOOK_HUB_PREFIX", "/opt/boltzbook-hub")
state = os.environ.get("BOLTZBOOK_HUB_STATE", os.path.join(prefix, "state"))
share = os.path.join(prefix, "share")


def names(var):
    return {n.strip() for n in os.environ.get(var, "").split(",") if n.strip()}


# --- Network ---------------------------------------------------------------
# The public port is served by configurable-http-proxy (from npm, pinned in
# deploy/hub/package-lock.json); the hub and the proxy's API stay on
# loopback.
# REAL DEPLOYMENT: serve HTTPS, either here (c.JupyterHub.ssl_cert /
# ssl_key, e.g. from Let's Encrypt, with bind_url "https://:443") or behind a
# TLS-terminating reverse proxy (nginx, Traefik); listen on the machine's
# public address instead of 127.0.0.1.
ip = os.environ.get("BOLTZBOOK_HUB_IP", "127.0.0.1")
port = os.environ.get("BOLTZBOOK_HUB_PORT", "8000")
c.JupyterHub.bind_url = "http://%s:%s" % (ip, port)
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("BOLTZBOOK_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % os.environ.get("BOLTZBOOK_PROXY_API_PORT", "8001")
c.ConfigurableHTTPProxy.command = [os.path.join(prefix, "node_modules", ".bin", "configurable-http-proxy")]

# --- State -------------------------------------------------------------------
# REAL DEPLOYMENT: the SQLite file below survives restarts on one machine;
# for several hub replicas or managed backups use PostgreSQL
# (c.JupyterHub.db_url = "postgresql://..."), and keep the cookie secret
# in a secret store.
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "jupyterhub-proxy.pid")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")

# --- Who may log in -------------------------------------------------------
# A workshop setting: the allowed names log in with one shared password, the
# admins (the teacher) with their own (JupyterHub's SharedPasswordAuthenticator).
# REAL DEPLOYMENT: use the Unix accounts and their passwords
# (c.JupyterHub.authenticator_class = "pam", JupyterHub's default), or the
# university's single sign-on through the oauthenticator package (e.g.
# "generic-oauth", "azuread", "github"), and let the course roster decide
# allowed_users. Drop the account creation in pre_spawn_hook then: with PAM
# the accounts exist already.
c.JupyterHub.authenticator_class = "shared-password"
if os.environ.get("BOLTZBOOK_HUB_PASSWORD"):
    c.SharedPasswordAuthenticator.user_password = os.environ["BOLTZBOOK_HUB_PASSWORD"]
if os.environ.get("BOLTZBOOK_HUB_ADMIN_PASSWORD"):
    c.SharedPasswordAuthenticator.admin_password = os.environ["BOLTZBOOK_HUB_ADMIN_PASSWORD"]
users, admins = names("BOLTZBOOK_HUB_USERS"), names("BOLTZBOOK_HUB_ADMINS")
c.Authenticator.allowed_users = users | admins
c.Authenticator.admin_users = admins
# Hub names become Unix names: keep them to what useradd accepts.
c.Authenticator.username_pattern = r"^[a-z][a-z0-9-]{0,30}$"

token = os.environ.get("BOLTZBOOK_HUB_API_TOKEN")
if token:
    # An admin service for scripts (the hub test, the load benchmark):
    # it creates users, starts their servers and talks to their kernels.
    c.JupyterHub.services = [{"name": "boltzbook-admin", "api_token": token}]
    c.JupyterHub.load_roles = [{
        "name": "boltzbook-admin",
        "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"],
        "services": ["boltzbook-admin"],
    }]

# --- Each user's server -----------------------------------------------------
# LocalProcessSpawner runs `jupyterhub-singleuser` as the user's Unix account
# (the hub runs as root for that), with JupyterLab as the interface and the
# boltzbook kernel as the default. The kernelspec sits in the hub's venv
# (--sys-prefix), so every user has it without installing anything.
# REAL DEPLOYMENT on several machines: KubeSpawner with the single-user image
# of deploy/image (README, "Beyond one machine"); or SystemdSpawner here, to
# cap each user's memory and CPU (c.SystemdSpawner.mem_limit = "2G").
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(prefix, "venv", "bin", "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~/notebooks"
c.Spawner.args = ["--MappingKernelManager.default_kernel_name=boltzbook"]
def _go_bin():
    """The directory of the go command install.sh built with."""
    try:
        with open(os.path.join(share, "gobin")) as f:
            return f.read().strip()
    except OSError:
        return "/usr/local/go/bin"


c.Spawner.environment = {
    # Kernels read MNIST here rather than from a Go module cache.
    "BOLTZBOOK_MNIST_DIR": os.path.join(share, "mnist"),
    # Compiled cells: the Go that built the kernel on PATH, the modules in
    # the shared read-only cache, the preloaded packages compiled once by
    # install.sh. A user's own build cache holds only what they compile.
    # REAL DEPLOYMENT: download the modules a course imports into the
    # shared cache beforehand (GOPROXY=off makes any other import fail at
    # once, with the module's name, instead of trying the network).
    "PATH": os.path.join(prefix, "venv", "bin") + ":" + _go_bin() + ":/usr/local/bin:/usr/bin:/bin",
    "GOMODCACHE": os.path.join(share, "gomodcache"),
    "GOPROXY": "off",
    "BOLTZBOOK_PREPARED": os.path.join(share, "prepared.importcfg"),
}
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
# Idle servers keep their memory (about 175 MiB a user, more with MNIST
# loaded). REAL DEPLOYMENT: run jupyterhub-idle-culler as a service to stop
# servers idle for an hour.


def _ensure_user(name):
    """The user's Unix account, created on first spawn (demo only)."""
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pass
    subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "--user-group", name], check=True)
    return pwd.getpwnam(name)


# Each user's server listens on a port of its own, below the range of
# ephemeral ports: with the default (a random free port, picked before the
# server binds it) a kernel of another user, whose ZeroMQ sockets also bind
# random free ports, can take the port first on a busy hub, and the spawn
# fails after http_timeout (seen by bench/hub-load with 40 students).
SERVER_PORT_BASE = 20000


def pre_spawn_hook(spawner):
    name = spawner.user.name
    pw = _ensure_user(name)
    spawner.port = SERVER_PORT_BASE + pw.pw_uid % 10000
    home = pw.pw_dir
    # Other students must not read this home: Debian makes homes 0755.
    os.chmod(home, 0o700)
    nbdir = os.path.join(home, "notebooks")
    if not os.path.exists(nbdir):
        # The first login copies the course notebooks; later ones keep the
        # student's work.
        shutil.copytree(os.path.join(share, "notebooks"), nbdir)
        gid = pw.pw_gid
        for root, dirs, files in os.walk(nbdir):
            os.chown(root, pw.pw_uid, gid)
            for f in files:
                os.chown(os.path.join(root, f), pw.pw_uid, gid)


c.Spawner.pre_spawn_hook = pre_spawn_hook
