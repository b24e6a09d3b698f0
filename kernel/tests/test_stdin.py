"""Reading standard input in a cell asks the front end (input_request on
the stdin channel) when it allows input, and gives end of file with a
one-line note when it does not; an interrupt ends a pending wait."""

import queue
import time

import pytest
from jupyter_client.manager import KernelManager


@pytest.fixture(scope="module")
def kernel():
    km = KernelManager(kernel_name="boltzbook")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc, code, answers=(), allow_stdin=True, timeout=30):
    """Execute code, answering input requests from answers; return the
    reply, the iopub messages of the cell and the input requests."""
    msg_id = kc.execute(code, allow_stdin=allow_stdin)
    answers = list(answers)
    requests, outputs = [], []
    reply = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            req = kc.get_stdin_msg(timeout=0.05)
        except queue.Empty:
            pass
        else:
            assert req["msg_type"] == "input_request"
            assert req["parent_header"]["msg_id"] == msg_id
            requests.append(req["content"])
            kc.input(answers.pop(0))
        try:
            m = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            pass
        else:
            if m["parent_header"].get("msg_id") == msg_id:
                outputs.append(m)
                if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    reply = kc.get_shell_msg(timeout=10)
                    break
    assert reply is not None, "the cell did not finish"
    return reply, outputs, requests


def stream(outputs, name):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def result(outputs):
    return [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]


def test_scan_and_bufio_ask_the_front_end(kernel):
    _, kc = kernel
    reply, outputs, requests = run(kc, '''import ("bufio"; "fmt"; "os")
fmt.Print("name? ")
var name string
fmt.Scanln(&name)
var a, b int
fmt.Scan(&a, &b)
line, _ := bufio.NewReader(os.Stdin).ReadString('\\n')
fmt.Sprintf("%s %d %q", name, a+b, line)''', answers=["gopher", "3 4", "a line"])
    assert reply["content"]["status"] == "ok"
    assert len(requests) == 3
    assert all(r["password"] is False for r in requests)
    assert stream(outputs, "stdout") == "name? "
    # The prompt printed before the read reaches the front end before the request.
    kinds = [m["msg_type"] for m in outputs]
    assert kinds.index("stream") < kinds.index("execute_result")
    assert result(outputs) == ['"gopher 7 \\"a line\\\\n\\""']


def test_display_password_prompt(kernel):
    _, kc = kernel
    reply, outputs, requests = run(kc, '''import "github.com/boltzbook/boltzbook/kernel/display"
user, _ := display.Input("user: ")
pw, _ := display.Password("password: ")
len(user) + len(pw)''', answers=["ada", "s3cret"])
    assert reply["content"]["status"] == "ok"
    assert [(r["prompt"], r["password"]) for r in requests] == [("user: ", False), ("password: ", True)]
    assert result(outputs) == ["9"]


def test_no_stdin_reads_eof_with_a_note(kernel):
    _, kc = kernel
    start = time.monotonic()
    reply, outputs, requests = run(kc, '''import ("fmt"; "io"; "os")
var s string
_, err := fmt.Scanln(&s)
rest, err2 := io.ReadAll(os.Stdin)
fmt.Sprint(err, " ", len(rest), " ", err2)''', allow_stdin=False)
    assert time.monotonic() - start < 5
    assert reply["content"]["status"] == "ok"
    assert requests == []
    assert result(outputs) == ['"EOF 0 <nil>"']
    err = stream(outputs, "stderr")
    assert err.count("\n") == 1 and "allow_stdin" in err and "end of file" in err


@pytest.mark.parametrize("how", ["interrupt_request", "SIGINT"])
def test_interrupt_ends_input_wait(how):
    km = KernelManager(kernel_name="boltzbook")
    km.kernel_spec.interrupt_mode = "signal" if how == "SIGINT" else "message"
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        kc.execute_interactive("kept := 5", timeout=30)
        msg_id = kc.execute('import "fmt"\nvar s string\nfmt.Scanln(&s)\ns', allow_stdin=True)
        req = kc.get_stdin_msg(timeout=10)
        assert req["msg_type"] == "input_request"
        t0 = time.monotonic()
        km.interrupt_kernel()
        while True:
            reply = kc.get_shell_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        took = time.monotonic() - t0
        print(f"{how} during input_request to reply: {took * 1000:.0f} ms")
        assert took < 1
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "Interrupted"
        outputs = []
        r = kc.execute_interactive("kept", timeout=30, output_hook=outputs.append)
        assert r["content"]["status"] == "ok"
        assert result(outputs) == ["5"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
