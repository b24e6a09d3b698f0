"""Every notebook runs top to bottom through a real Jupyter client.

Each notebook is executed by nbclient against the installed `boltzbook`
kernelspec in quick mode (BOLTZBOOK_QUICK=1) and must produce no error
output; the stored copies (with outputs from a full run) must hold no error
output and no code cell that never ran.
"""
import glob
import os
import time

import nbformat
import pytest
from nbclient import NotebookClient

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notebooks")
NOTEBOOKS = sorted(glob.glob(os.path.join(HERE, "*.ipynb")))
# The teachers' keys (with solutions) must run clean; the released student
# versions stop at their placeholders by design and are checked by the
# assign tests instead.
KEYS = sorted(glob.glob(os.path.join(HERE, "exercises", "keys", "*.ipynb")))


def ids(paths):
    return [os.path.relpath(p, HERE) for p in paths]


def error_outputs(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                yield i, "%s: %s" % (out.get("ename"), out.get("evalue"))


@pytest.mark.parametrize("path", NOTEBOOKS + KEYS, ids=ids(NOTEBOOKS + KEYS))
def test_stored_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "boltzbook"
    errors = list(error_outputs(nb))
    assert not errors, "stored error outputs: %s" % errors
    never = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and c.source.strip() and c.get("execution_count") is None]
    assert not never, "code cells never executed: %s" % never
    size = os.path.getsize(path)
    assert size < 3 * 1024 * 1024, "%s is %d bytes; keep figures small" % (path, size)


@pytest.mark.parametrize("path", NOTEBOOKS + KEYS, ids=ids(NOTEBOOKS + KEYS))
def test_notebook_runs_in_quick_mode(path, monkeypatch):
    monkeypatch.setenv("BOLTZBOOK_QUICK", "1")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="boltzbook", timeout=300,
                            resources={"metadata": {"path": os.path.dirname(path)}})
    t0 = time.time()
    client.execute()
    print("%s ran in %.1f s" % (os.path.relpath(path, HERE), time.time() - t0))
    errors = list(error_outputs(nb))
    assert not errors, errors
