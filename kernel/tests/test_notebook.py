"""Notebooks run through a real Jupyter client (nbclient) and headless
through `boltzbook run` give the same outputs."""

import json
import subprocess

import nbformat
from nbclient import NotebookClient


def small_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "boltzbook", "display_name": "Go (boltzbook)", "language": "go"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("State persists across cells."),
        nbformat.v4.new_code_cell('import "fmt"\nx := 20'),
        nbformat.v4.new_code_cell("x += 1\nfmt.Println(\"x is\", x)"),
        nbformat.v4.new_code_cell("x * 2"),
        # Rich output by method set, from a type declared in a cell.
        nbformat.v4.new_code_cell(
            'type Bold string\n'
            'func (b Bold) HTML() string { return "<b>" + string(b) + "</b>" }\n'
            'Bold("rich")'
        ),
        # A display updated in place from a later cell (update_display_data).
        nbformat.v4.new_code_cell(
            'import "github.com/boltzbook/boltzbook/kernel/display"\n'
            'progress := display.New()\n'
            'progress.Update(display.MIME{"text/html": "<i>step 1</i>"})'
        ),
        nbformat.v4.new_code_cell('progress.Update(display.MIME{"text/html": "<i>done</i>"})'),
    ]
    return nb


def summarise(nb):
    """The outputs that must match, cell by cell."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        items = []
        for o in cell.outputs:
            if o.output_type == "stream":
                items.append(("stream", o.name, o.text))
            elif o.output_type in ("execute_result", "display_data"):
                items.append((o.output_type, json.dumps(o.data, sort_keys=True)))
            else:
                items.append((o.output_type, o.get("ename")))
        out.append((cell.execution_count, items))
    return out


def test_nbclient_runs_notebook():
    nb = small_notebook()
    NotebookClient(nb, timeout=120, kernel_name="boltzbook").execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2, 3, 4, 5, 6]
    assert code[1].outputs[0].text == "x is 21\n"
    assert code[2].outputs[0].output_type == "execute_result"
    assert code[2].outputs[0].data["text/plain"] == "42"
    assert code[3].outputs[0].data["text/html"] == "<b>rich</b>"
    # The update from the last cell replaced the earlier display.
    assert code[4].outputs[0].output_type == "display_data"
    assert code[4].outputs[0].data["text/html"] == "<i>done</i>"
    assert code[5].outputs == []


def test_boltzbook_run_matches_nbclient(tmp_path, exe):
    nb = small_notebook()
    src = tmp_path / "in.ipynb"
    nbformat.write(nb, src)
    out = tmp_path / "out.ipynb"
    subprocess.run([exe, "run", str(src), "-o", str(out), "--timeout", "2m"], check=True)
    headless = nbformat.read(out, as_version=4)
    nbformat.validate(headless)
    assert headless.nbformat == 4 and headless.nbformat_minor == 5

    NotebookClient(nb, timeout=120, kernel_name="boltzbook").execute()
    assert summarise(headless) == summarise(nb)


def test_boltzbook_run_fails_on_error(tmp_path, exe):
    nb = small_notebook()
    nb.cells = nb.cells[:3] + [nbformat.v4.new_code_cell('panic("on purpose")'), nbformat.v4.new_code_cell("x")]
    src = tmp_path / "bad.ipynb"
    nbformat.write(nb, src)
    before = src.read_text()
    res = subprocess.run([exe, "run", "-q", str(src)], capture_output=True, text=True)
    assert res.returncode != 0
    assert 'panic("on purpose")' in res.stderr
    assert "on purpose" in res.stderr.split('panic("on purpose")', 1)[1]
    assert src.read_text() == before
