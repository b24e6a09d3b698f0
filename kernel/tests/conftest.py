"""Make the boltzbook kernelspec available to the tests.

`make test-py` installs the kernel into the venv first. When the tests run
on their own and Jupyter cannot find a kernelspec named "boltzbook", this
builds the binary and installs the kernelspec into a temporary directory
added to JUPYTER_PATH. Set BOLTZBOOK_TEST_BUILD=1 to always build afresh.
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


def _kernelspec_found():
    from jupyter_client.kernelspec import KernelSpecManager

    return KERNEL_NAME in KernelSpecManager().find_kernel_specs()


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
    if os.environ.get("BOLTZBOOK_TEST_BUILD") == "1" or not _kernelspec_found():
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
