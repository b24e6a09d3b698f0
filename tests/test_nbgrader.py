"""The exercises graded as teachers run nbgrader, against `boltzbook assign`.

For an exercise, a course directory is laid out with the shipped
deploy/nbgrader/nbgrader_config.py and the key as the source; then, as a
teacher would: `nbgrader generate_assignment`, submissions copied into
submitted/, `nbgrader autograde` (which runs them on the boltzbook kernel),
`nbgrader generate_feedback`. The scores in nbgrader's gradebook must be
those of `boltzbook assign grade` on the same files, cell by cell: the key
full marks, the blank release zero, a partly solved notebook partial credit.
Bad submissions (not a notebook, another kernel, a deleted check, a loop
that never ends) are graded without stopping the others.

CI runs exercise 01 in quick mode; BOLTZBOOK_NBGRADER_ALL=1 runs all three
(key, blank, partial) and prints the table.
"""
import copy
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
KEYS = REPO / "notebooks" / "exercises" / "keys"
CONFIG = REPO / "deploy" / "nbgrader" / "nbgrader_config.py"
VENV_BIN = Path(sys.executable).parent
# The time limit of a cell, in seconds: short for exercise 01, whose cells
# take a second or two and which has the looping submission; the default of
# the shipped config for the others.
CELL_TIMEOUT = {"01-hopfield-capacity": 20}

# How to break each exercise's key into a partly solved submission: the
# solution cells kept from the key (others left as released) and text
# replacements that make some checks of a graded cell fail.
PARTIAL = {
    "01-hopfield-capacity": (["hebbian", "recall"],
                             [("b[i] = -0.5 * rowSums.AtVec(i)", "b[i] = -0.25 * rowSums.AtVec(i)")]),
    "02-cd1-by-hand": (["conditionals", "cd1"],
                       [("dW.Scale(lr/float64(n), dW)", "dW.Scale(lr, dW)")]),
    "03-pretraining-ablation": (["ablation"],
                                [("runs = append(runs, fineTune(dbn, true, x, y, testX, testY, seed))", "")]),
    "04-gradient-wake-sleep": (["exact", "sampled"],
                               [("dB[i] = wake.At(i, i) - sleep.At(i, i)", "dB[i] = wake.At(i, i)")]),
}


def boltzbook():
    exe = os.environ.get("BOLTZBOOK_TEST_EXE") or str(REPO / "bin" / "boltzbook")
    if not os.access(exe, os.X_OK):
        pytest.skip("bin/boltzbook is not built (make test builds it)")
    return exe


def env():
    e = dict(os.environ)
    e["PATH"] = str(VENV_BIN) + os.pathsep + e.get("PATH", "")  # nbgrader runs alembic
    e["BOLTZBOOK_QUICK"] = "1"
    return e


def nbgrader(course, *args, timeout=600):
    t0 = time.time()
    p = subprocess.run([str(VENV_BIN / "nbgrader"), *args, "--force"], cwd=course, env=env(),
                       capture_output=True, text=True, timeout=timeout)
    print("nbgrader %s: %.1f s" % (args[0], time.time() - t0))
    return p


def source(cell):
    s = cell["source"]
    return "".join(s) if isinstance(s, list) else s


def gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def write(course, student, name, nb):
    d = course / "submitted" / student / "ex"
    d.mkdir(parents=True, exist_ok=True)
    path = d / (name + ".ipynb")
    if isinstance(nb, str):
        path.write_text(nb)
    else:
        path.write_text(json.dumps(nb, indent=1))
    return path


def partial(key, release, name):
    keep, edits = PARTIAL[name]
    nb = copy.deepcopy(release)
    for kc, c in zip(key["cells"], nb["cells"]):
        if gid(kc) in keep:
            text = source(kc)
            for old, new in edits:
                text = text.replace(old, new)
            c["source"] = text
    return nb


def gradebook_scores(course, name):
    """{student: {grade_id: (score, needs_manual_grade)}} from nbgrader's gradebook."""
    code = """
import json, sys
from nbgrader.api import Gradebook
out = {}
with Gradebook("sqlite:///gradebook.db", course_id="boltzbook") as gb:
    for sub in gb.assignment_submissions("ex"):
        for nb in sub.notebooks:
            out[sub.student_id] = {g.name: [g.score, g.needs_manual_grade] for g in nb.grades}
print(json.dumps(out))
"""
    p = subprocess.run([sys.executable, "-c", code], cwd=course, env=env(), capture_output=True, text=True,
                       check=True)
    return json.loads(p.stdout)


def assign_scores(key, subs, cell_timeout):
    """{student: {grade_id: (points or None for by hand, message)}} from `boltzbook assign grade`."""
    p = subprocess.run([boltzbook(), "assign", "grade", "--key", str(key), "--cell-timeout",
                        "%ds" % cell_timeout, "--timeout", "10m", *map(str, subs)],
                       env=env(), capture_output=True, text=True, timeout=900)
    print(p.stderr)
    assert p.returncode == 0, p.stderr
    out = {}
    for row in csv.DictReader(io.StringIO(p.stdout)):
        student = row["student"].split("/")[-3]  # submitted/STUDENT/ex/NAME
        pts = float(row["points"]) if row["points"] != "" else None
        out.setdefault(student, {})[row["question"]] = (pts, row["message"])
    return out


def grade_cells(key):
    return {gid(c): c["metadata"]["nbgrader"]["points"] for c in key["cells"]
            if c["metadata"].get("nbgrader", {}).get("grade")}


def manual(key):
    return {gid(c) for c in key["cells"]
            if c["metadata"].get("nbgrader", {}).get("grade") and
            (c["cell_type"] != "code" or c["metadata"]["nbgrader"].get("solution"))}


EXERCISES = ["01-hopfield-capacity"]
if os.environ.get("BOLTZBOOK_NBGRADER_ALL") == "1":
    EXERCISES = sorted(p.stem for p in KEYS.glob("*.ipynb"))


@pytest.mark.parametrize("name", EXERCISES)
def test_nbgrader_pipeline(name, tmp_path):
    exe = boltzbook()
    course = tmp_path / "course"
    (course / "source" / "ex").mkdir(parents=True)
    shutil.copy(CONFIG, course / "nbgrader_config.py")
    keypath = course / "source" / "ex" / (name + ".ipynb")
    shutil.copy(KEYS / (name + ".ipynb"), keypath)
    key = json.loads(keypath.read_text())

    # generate_assignment: nbgrader's release is the project's release, and
    # holds neither solutions nor hidden tests.
    p = nbgrader(course, "generate_assignment", "ex")
    assert p.returncode == 0, p.stderr[-3000:]
    release = json.loads((course / "release" / "ex" / (name + ".ipynb")).read_text())
    ours = tmp_path / "ours.ipynb"
    subprocess.run([exe, "assign", "release", str(keypath), "-o", str(ours)], check=True)
    ours = json.loads(ours.read_text())
    assert [source(c) for c in release["cells"]] == [source(c) for c in ours["cells"]]
    text = "".join(source(c) for c in release["cells"])
    for marker in ["BEGIN SOLUTION", "HIDDEN TESTS"]:
        assert marker not in text
    assert 'panic("not implemented yet") // YOUR CODE HERE' in text

    subs = {
        "key": key,
        "blank": release,
        "partial": partial(key, release, name),
    }
    bad = name == "01-hopfield-capacity"
    if bad:
        # A student who deleted one check and emptied another.
        deleted = copy.deepcopy(key)
        deleted["cells"] = [c for c in deleted["cells"] if gid(c) != "recall-check"]
        for c in deleted["cells"]:
            if gid(c) == "hebbian-check":
                c["source"] = 'check.Points("q1-hebbian", 3)'
        subs["deleted"] = deleted
        # The right answers in a notebook switched to the Python kernel.
        other = copy.deepcopy(key)
        other["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        subs["otherkernel"] = other
        # recall never returns (the later functions are left blank, so the
        # cells after it fail in both graders alike: see below).
        looping = copy.deepcopy(release)
        for kc, c in zip(key["cells"], looping["cells"]):
            if gid(kc) == "hebbian":
                c["source"] = source(kc)
            if gid(kc) == "recall":
                c["source"] = source(c).replace('panic("not implemented yet") // YOUR CODE HERE',
                                                "for {\n\t}")
        subs["looping"] = looping
        subs["garbage"] = '{"cells": ['
    paths = [write(course, s, name, nb) for s, nb in subs.items()]

    cell_timeout = CELL_TIMEOUT.get(name, 300)
    t0 = time.time()
    p = nbgrader(course, "autograde", "ex", "--Execute.timeout=%d" % cell_timeout, timeout=1200)
    nbg_time = time.time() - t0
    if bad:
        # nbgrader reports the broken file and grades the others.
        assert "garbage" in p.stderr and "does not appear to be JSON" in p.stderr, p.stderr[-3000:]
    else:
        assert p.returncode == 0, p.stderr[-3000:]
    for student in subs:
        if student != "garbage":
            assert (course / "autograded" / student / "ex" / (name + ".ipynb")).exists(), \
                "nbgrader did not grade %s: %s" % (student, p.stderr[-3000:])
    nbg = gradebook_scores(course, name)
    t0 = time.time()
    ours = assign_scores(keypath, paths, cell_timeout)
    assign_time = time.time() - t0

    cells = grade_cells(key)
    by_hand = manual(key)
    auto = [c for c in cells if c not in by_hand]
    table = []
    for student in subs:
        for cell in cells:
            n_score, n_manual = nbg[student][cell]
            a_score, a_msg = ours[student][cell]
            table.append((student, cell, n_score, n_manual, a_score, a_msg))
    print("\n%s: nbgrader autograde %.1f s, boltzbook assign grade %.1f s" % (name, nbg_time, assign_time))
    for student in subs:
        n = sum(nbg[student][c][0] or 0 for c in auto)
        a = sum(ours[student][c][0] or 0 for c in auto)
        print("  %-12s nbgrader %5s  assign %5s  of %s   per cell (nbgrader/assign): %s" % (
            student, n, a, sum(cells[c] for c in auto),
            ", ".join("%s %s/%s" % (c, nbg[student][c][0], ours[student][c][0]) for c in auto)))

    for student, cell, n_score, n_manual, a_score, a_msg in table:
        where = "%s %s (assign: %s)" % (student, cell, a_msg)
        if student == "garbage":
            assert a_score in (0, None) and "not a notebook" in a_msg, where
            continue
        if student == "deleted" and cell == "recall-check":
            # nbgrader leaves a deleted graded cell to the teacher; assign
            # runs the key's check on the student's functions.
            assert n_manual, where
            assert a_score == cells[cell], where
            continue
        if cell in by_hand:
            # Written answers: nbgrader scores an untouched one 0 and
            # leaves the others to the teacher; so does assign.
            if n_manual:
                assert a_score is None and "by hand" in a_msg, where
            else:
                assert n_score == 0 and a_score == 0, where
            continue
        assert not n_manual, where
        assert n_score == a_score, "%s: nbgrader %s, assign %s" % (where, n_score, a_score)

    total = {s: sum(ours[s][c][0] or 0 for c in auto) for s in subs}
    full = sum(cells[c] for c in auto)
    assert total["key"] == full
    assert total["blank"] == 0
    assert 0 < total["partial"] < full
    assert any(0 < ours["partial"][c][0] < cells[c] for c in auto), "no graded cell got partial credit"
    if bad:
        assert total["deleted"] == full and total["otherkernel"] == full
        assert ours["looping"]["hebbian-check"][0] == 3
        assert ours["looping"]["recall-check"][0] == 0
        assert "longer than %ds" % cell_timeout in ours["looping"]["recall-check"][1]
        assert "python3" in ours["otherkernel"]["hebbian-check"][1]

    # nbgrader validate, which students run, flags the partly solved notebook
    # (a graded cell scoring less than its points fails).
    p = subprocess.run([str(VENV_BIN / "nbgrader"), "validate", str(paths[2])], cwd=course, env=env(),
                       capture_output=True, text=True, timeout=300)
    assert "Success" not in p.stdout and "failed" in p.stdout.lower(), p.stdout[-2000:] + p.stderr[-2000:]

    # generate_feedback: one HTML report per graded student, with the score.
    p = nbgrader(course, "generate_feedback", "ex")
    for student in subs:
        if student == "garbage":
            continue
        html = course / "feedback" / student / "ex" / (name + ".html")
        assert html.exists(), p.stderr[-3000:]
        page = html.read_text()
        assert "Score:" in page or "score" in page.lower()
