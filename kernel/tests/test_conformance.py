"""The official Jupyter kernel conformance suite (jupyter_kernel_test)."""

import unittest

import jupyter_kernel_test

DISPLAY = 'import "github.com/boltzbook/boltzbook/kernel/display"\n'


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
    ]
    invalid_code_samples = [
        "}",
        "func )(",
    ]

    code_generate_error = 'panic("boom")'

    code_execute_result = [
        {"code": "1+1", "result": "2"},
        {"code": "6*7", "result": "42"},
        {"code": '"go" + "pher"', "result": '"gopher"'},
    ]

    code_display_data = [
        {"code": DISPLAY + 'display.HTML("<b>bold</b>")', "mime": "text/html"},
        {"code": DISPLAY + 'display.Markdown("*it*")', "mime": "text/markdown"},
        {"code": DISPLAY + 'display.SVG(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>`)',
         "mime": "image/svg+xml"},
    ]

    code_clear_output = DISPLAY + "display.ClearOutput(false)"

    code_history_pattern = "1+1"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = 'import "strings"\nstrings.ToUpper'


if __name__ == "__main__":
    unittest.main()
