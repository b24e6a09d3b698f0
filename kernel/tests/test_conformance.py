"""The official Jupyter kernel conformance suite (jupyter_kernel_test 0.7),
with every optional attribute filled."""

import signal
import unittest

import jupyter_kernel_test
import pytest
from jupyter_client.manager import KernelManager, start_new_kernel

DISPLAY = 'import "github.com/boltzbook/boltzbook/kernel/display"\n'
SVG = '`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>`'


class BoltzbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "boltzbook"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'import "fmt"\nfmt.Println("hello, world")'
    code_stderr = 'import (\n\t"fmt"\n\t"os"\n)\nfmt.Fprintln(os.Stderr, "to stderr")'

    completion_samples = [
        {"text": 'import "strings"\nstrings.ToUpp', "matches": {"ToUpper", "ToUpperSpecial"}},
        {"text": 'import "fmt"\nfmt.Printl', "matches": {"Println"}},
        {"text": "zzzNothingStartsLikeThis", "matches": set()},
    ]

    complete_code_samples = [
        "1+1",
        "x := 3",
        'import "fmt"',
        "func double(x int) int { return 2 * x }",
        "for i := 0; i < 2; i++ {\n}",
    ]
    incomplete_code_samples = [
        "func f() {",
        "for i := 0; i < 3; i++ {",
        "x := []int{1, 2,",
        "s := `a raw string\\nspanning lines",
        "x := 1 +",
    ]
    invalid_code_samples = [
        "}",
        "func )(",
        's := "abc',
        "f([)",
    ]

    # A name followed by ? shows its doc comment in the pager.
    code_page_something = "bm.RBM?"

    code_generate_error = 'panic("boom")'

    # Every kind of value the kernel renders richly becomes an
    # execute_result with its MIME type. (The display types are
    # converted from a variable: gomacro cannot yet convert a constant
    # to a compiled named type, see test_display_types_from_constants.)
    code_execute_result = [
        {"code": "1+1", "result": "2"},
        {"code": "6*7", "result": "42"},
        {"code": '"go" + "pher"', "result": '"gopher"'},
        {"code": DISPLAY + 's := "<b>bold</b>"\ndisplay.HTMLText(s)', "mime": "text/html", "result": "<b>bold</b>"},
        {"code": DISPLAY + 's := "*it*"\ndisplay.MarkdownText(s)', "mime": "text/markdown", "result": "*it*"},
        {"code": DISPLAY + 's := `$E = -\\sum s_i s_j w_{ij}$`\ndisplay.LaTeXText(s)', "mime": "text/latex"},
        {"code": DISPLAY + "s := " + SVG + "\ndisplay.SVGText(s)", "mime": "image/svg+xml"},
        {"code": 'import "image"\nimage.NewGray(image.Rect(0, 0, 2, 2))', "mime": "image/png"},
        {"code": DISPLAY + 'display.MIME{"application/json": map[string]any{"a": 1}}', "mime": "application/json"},
        {"code": 'type Bold string\nfunc (b Bold) HTML() string { return "<b>" + string(b) + "</b>" }\nBold("x")',
         "mime": "text/html", "result": "<b>x</b>"},
    ]

    code_display_data = [
        {"code": DISPLAY + 'display.HTML("<b>bold</b>")', "mime": "text/html"},
        {"code": DISPLAY + 'display.Markdown("*it*")', "mime": "text/markdown"},
        {"code": DISPLAY + "display.SVG(" + SVG + ")", "mime": "image/svg+xml"},
        {"code": DISPLAY + 'display.LaTeX(`$x^2$`)', "mime": "text/latex"},
        {"code": DISPLAY + 'display.JSON(map[string]int{"a": 1})', "mime": "application/json"},
        {"code": DISPLAY + 'import "image"\ndisplay.Image(image.NewGray(image.Rect(0, 0, 2, 2)))', "mime": "image/png"},
    ]

    code_clear_output = DISPLAY + "display.ClearOutput(false)"

    code_history_pattern = "1+1"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = 'import "strings"\nstrings.ToUpper'


class BoltzbookIopubWelcomeTests(jupyter_kernel_test.IopubWelcomeTests):
    kernel_name = "boltzbook"
    support_iopub_welcome = True

    # The suite waits for the welcome without a timeout: fail instead
    # of hanging.
    def setUp(self):
        signal.signal(signal.SIGALRM, self._timeout)
        signal.alarm(20)

    def tearDown(self):
        signal.alarm(0)

    @staticmethod
    def _timeout(signum, frame):
        raise AssertionError("no iopub_welcome within 20 s")


def test_display_types_from_constants():
    """A constant converted to a display type as a cell's value (compiled: gomacro got it wrong)."""
    km, kc = start_new_kernel(kernel_name="boltzbook", startup_timeout=60)
    try:
        for code, mime in [('display.HTMLText("<b>x</b>")', "text/html"),
                           ('display.MarkdownText("*x*")', "text/markdown"),
                           ("display.LaTeXText(`$x$`)", "text/latex"),
                           ("display.SVGText(" + SVG + ")", "image/svg+xml")]:
            out = []
            reply = kc.execute_interactive(DISPLAY + code, timeout=30, output_hook=out.append)
            assert reply["content"]["status"] == "ok", reply["content"].get("evalue")
            assert any(m["msg_type"] == "execute_result" and mime in m["content"]["data"] for m in out)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_iopub_welcome_over_ipc():
    """The welcome also comes over Unix sockets (transport ipc)."""
    km = KernelManager(kernel_name="boltzbook", transport="ipc")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        m = kc.get_iopub_msg(timeout=20)
        assert m["msg_type"] == "iopub_welcome"
        assert m["content"] == {"subscription": ""}
        kc.wait_for_ready(timeout=30)
        assert kc.execute_interactive("1+2", timeout=30)["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
