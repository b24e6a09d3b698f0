"""The kernel's life as ipykernel's: SIGTERM and shutdown_request end the
process within a second even while a cell spins or is blocked where no
interrupt reaches it, and a kernel whose front end died exits instead of
lingering as an orphan."""

import ctypes
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from jupyter_client.manager import KernelManager

# A cell that spins in interpreted code, and one blocked in a channel
# receive that no interrupt ends (gomacro runs it through reflect).
CELLS = {"spin": "for {}", "block": "<-make(chan int)"}

EXIT_BUDGET = 1.0  # seconds from the order to end to the end of the process


def gone(pid):
    """Whether process pid has ended (a zombie counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_gone(pid, timeout):
    """Seconds until pid ended, or None after timeout."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if gone(pid):
            return time.monotonic() - start
        time.sleep(0.005)
    return None


def start(mode="message"):
    km = KernelManager(kernel_name="boltzbook")
    km.kernel_spec.interrupt_mode = mode
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def running_cell(kc, code):
    """Start code and return once the kernel is busy with it."""
    kc.execute_interactive("kept := 1", timeout=30)
    msg_id = kc.execute(code)
    while True:
        m = kc.get_iopub_msg(timeout=10)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
            break
    time.sleep(0.3)
    return msg_id


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_sigterm_ends_kernel_while_cell_runs(cell):
    km, kc = start()
    try:
        pid = km.provisioner.pid
        running_cell(kc, CELLS[cell])
        t0 = time.monotonic()
        os.kill(pid, signal.SIGTERM)
        km.provisioner.process.wait(timeout=10)
        took = time.monotonic() - t0
        print(f"SIGTERM to exit with a {cell} cell: {took * 1000:.0f} ms")
        assert took < EXIT_BUDGET
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_shutdown_request_ends_kernel_while_cell_runs(cell):
    km, kc = start()
    try:
        pid = km.provisioner.pid
        running_cell(kc, CELLS[cell])
        t0 = time.monotonic()
        kc.shutdown()  # on the control channel
        reply = kc.control_channel.get_msg(timeout=5)
        assert reply["msg_type"] == "shutdown_reply"
        assert reply["content"]["status"] == "ok"
        km.provisioner.process.wait(timeout=10)
        took = time.monotonic() - t0
        print(f"shutdown_request to exit with a {cell} cell: {took * 1000:.0f} ms")
        assert took < EXIT_BUDGET
        assert gone(pid)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


# The front end: starts a kernel through jupyter_client (which sets
# JPY_PARENT_PID), sets a cell spinning and waits to be killed.
FRONT_END = textwrap.dedent(
    """
    import sys, time
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name="boltzbook")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    kc.execute(sys.argv[1])
    time.sleep(0.5)
    print(km.provisioner.pid, flush=True)
    time.sleep(600)
    """
)

PR_SET_CHILD_SUBREAPER = 36


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_kernel_exits_when_front_end_dies(cell):
    # Orphans come to this process rather than to init, so the kernel
    # can be reaped and timed here.
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    fe = subprocess.Popen([sys.executable, "-c", FRONT_END, CELLS[cell]], stdout=subprocess.PIPE, text=True,
                          env=dict(os.environ))
    pid = None
    try:
        pid = int(fe.stdout.readline())
        assert not gone(pid)
        t0 = time.monotonic()
        fe.kill()
        fe.wait()
        took = wait_gone(pid, 10)
        assert took is not None, "the orphaned kernel was still running 10 s after its front end died"
        took = time.monotonic() - t0
        print(f"front end death to kernel exit with a {cell} cell: {took * 1000:.0f} ms")
        assert took < EXIT_BUDGET
    finally:
        if pid and not gone(pid):
            os.kill(pid, signal.SIGKILL)
        if pid:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def test_sigint_interrupts_in_signal_mode():
    """interrupt_mode signal: SIGINT stops the cell and the kernel lives on."""
    km, kc = start(mode="signal")
    try:
        msg_id = running_cell(kc, "for {}")
        t0 = time.monotonic()
        km.interrupt_kernel()  # SIGINT in signal mode
        while True:
            reply = kc.get_shell_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        print(f"SIGINT to interrupted reply: {(time.monotonic() - t0) * 1000:.0f} ms")
        assert reply["content"]["ename"] == "Interrupted"
        assert km.is_alive()
        assert kc.execute_interactive("kept", timeout=30)["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
