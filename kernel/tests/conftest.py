"""Make the boltzbook kernelspec available to the tests.

`make test-py` builds bin/boltzbook and installs its kernelspec into the
venv first; the tests use that. Otherwise (a kernelspec that is missing or
runs some other binary, which may be stale) this builds the binary from
this checkout and installs the kernelspec into a temporary directory put
first on JUPYTER_PATH. BOLTZBOOK_TEST_BUILD=1 always builds afresh;
BOLTZBOOK_TEST_BUILD=0 uses whatever boltzbook kernelspec Jupyter finds.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KERNEL_NAME = "boltzbook"

_tmpdir = None


def _kernelspec_current():
    """Whether Jupyter finds a boltzbook kernelspec that runs this checkout's bin/boltzbook."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        return False
    return Path(spec.argv[0]).resolve() == (REPO / "bin" / "boltzbook").resolve()


def _build_and_install():
    global _tmpdir
    _tmpdir = tempfile.mkdtemp(prefix="boltzbook-pytest-")
    exe = Path(_tmpdir) / "boltzbook"
    go = shutil.which("go")
    if go is None:
        pytest.exit("the boltzbook kernelspec is not installed and `go` is not on PATH to build it", 2)
    subprocess.run([go, "build", "-o", str(exe), "./kernel/cmd/boltzbook"], cwd=REPO, check=True)
    subprocess.run([str(exe), "install", "--prefix", _tmpdir], check=True, stdout=subprocess.DEVNULL)
    share = str(Path(_tmpdir) / "share" / "jupyter")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in [share, os.environ.get("JUPYTER_PATH", "")] if p)
    os.environ["BOLTZBOOK_TEST_EXE"] = str(exe)


def pytest_configure(config):
    mode = os.environ.get("BOLTZBOOK_TEST_BUILD", "")
    if mode == "1" or (mode != "0" and not _kernelspec_current()):
        _build_and_install()


def pytest_unconfigure(config):
    if _tmpdir:
        shutil.rmtree(_tmpdir, ignore_errors=True)


def boltzbook_exe():
    """The boltzbook binary the installed kernelspec runs."""
    from jupyter_client.kernelspec import KernelSpecManager

    return KernelSpecManager().get_kernel_spec(KERNEL_NAME).argv[0]


@pytest.fixture(scope="session")
def exe():
    return boltzbook_exe()
