"""The comm protocol through a real jupyter_client, with the Go side
written in cells against kernel/comm: comms opened by either side,
messages with binary buffers both ways, comm_info, unknown targets and
the exchange a widget manager starts with (jupyter.widget.control)."""

import queue
import time
import uuid

import pytest
from jupyter_client.manager import KernelManager

COMM = 'import "github.com/boltzbook/boltzbook/kernel/comm"\n'


@pytest.fixture(scope="module")
def kc():
    km = KernelManager(kernel_name="boltzbook")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc, code):
    """Execute code; return the iopub messages it caused (status excluded)."""
    out = []
    reply = kc.execute_interactive(code, timeout=30, output_hook=out.append)
    assert reply["content"]["status"] == "ok", reply["content"]
    return [m for m in out if m["msg_type"] != "status"]


def value(kc, code):
    res = [m["content"]["data"]["text/plain"] for m in run(kc, code) if m["msg_type"] == "execute_result"]
    return res[0] if res else None


def send(kc, msg_type, content, buffers=None, metadata=None):
    msg = kc.session.msg(msg_type, content, metadata=metadata or {})
    kc.session.send(kc.shell_channel.socket, msg, buffers=buffers or [])
    return msg["header"]["msg_id"]


def next_iopub(kc, msg_type, parent=None, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if m["msg_type"] == msg_type and (parent is None or m["parent_header"].get("msg_id") == parent):
            return m
    raise AssertionError(f"no {msg_type} on iopub")


def comm_info(kc, target=None):
    kc.comm_info(target)
    while True:
        r = kc.get_shell_msg(timeout=10)
        if r["msg_type"] == "comm_info_reply":
            return r["content"]["comms"]


def test_front_end_opens_comm_with_buffers(kc):
    run(kc, COMM + '''echoed := 0
comm.RegisterTarget("test.echo", func(c *comm.Comm, data map[string]any, buffers [][]byte) {
	c.Send(map[string]any{"opened": data}, nil, buffers)
	c.OnMsg(func(c *comm.Comm, data map[string]any, buffers [][]byte) {
		echoed++
		c.Send(map[string]any{"echo": data}, map[string]any{"version": "2.1.0"}, buffers)
	})
})''')
    cid = uuid.uuid4().hex
    blob = bytes(range(256))
    opened = send(kc, "comm_open", {"comm_id": cid, "target_name": "test.echo", "data": {"a": 1}}, buffers=[blob])
    m = next_iopub(kc, "comm_msg", opened)
    assert m["content"] == {"comm_id": cid, "data": {"opened": {"a": 1}}}
    assert [bytes(b) for b in m["buffers"]] == [blob]

    sent = send(kc, "comm_msg", {"comm_id": cid, "data": {"method": "update", "state": {"value": 3},
                                                         "buffer_paths": [["x"], ["y"]]}},
                buffers=[b"\x00\x01", b"\xff" * 100000])
    m = next_iopub(kc, "comm_msg", sent)
    assert m["content"]["data"]["echo"]["state"] == {"value": 3}
    assert m["content"]["data"]["echo"]["buffer_paths"] == [["x"], ["y"]]
    assert m["metadata"] == {"version": "2.1.0"}
    assert [bytes(b) for b in m["buffers"]] == [b"\x00\x01", b"\xff" * 100000]

    assert comm_info(kc) == {cid: {"target_name": "test.echo"}}
    assert comm_info(kc, "test.echo") == {cid: {"target_name": "test.echo"}}
    assert comm_info(kc, "jupyter.widget") == {}
    send(kc, "comm_close", {"comm_id": cid, "data": {}})
    assert comm_info(kc) == {}
    assert value(kc, "echoed") == "1"


def test_unknown_target_is_closed(kc):
    cid = uuid.uuid4().hex
    opened = send(kc, "comm_open", {"comm_id": cid, "target_name": "no.such.target", "data": {}})
    m = next_iopub(kc, "comm_close", opened)
    assert m["content"]["comm_id"] == cid
    # Messages for it are ignored; the kernel keeps answering.
    send(kc, "comm_msg", {"comm_id": cid, "data": {}})
    assert comm_info(kc, "no.such.target") == {}
    assert value(kc, "1+1") == "2"


def test_kernel_opens_comm(kc):
    msgs = run(kc, COMM + '''got := []string{}
w, err := comm.Open("jupyter.widget", map[string]any{"state": map[string]any{"value": 1}, "buffer_paths": [][]string{{"data"}}},
	map[string]any{"version": "2.1.0"}, [][]byte{{1, 2, 3}})
w.OnMsg(func(c *comm.Comm, data map[string]any, buffers [][]byte) { got = append(got, data["method"].(string)) })
closed := false
w.OnClose(func(c *comm.Comm, data map[string]any) { closed = true })
w.ID()''')
    opens = [m for m in msgs if m["msg_type"] == "comm_open"]
    assert len(opens) == 1
    o = opens[0]
    cid = o["content"]["comm_id"]
    assert o["content"]["target_name"] == "jupyter.widget"
    assert o["content"]["data"]["state"] == {"value": 1}
    assert o["metadata"] == {"version": "2.1.0"}
    assert [bytes(b) for b in o["buffers"]] == [b"\x01\x02\x03"]
    assert comm_info(kc, "jupyter.widget") == {cid: {"target_name": "jupyter.widget"}}

    send(kc, "comm_msg", {"comm_id": cid, "data": {"method": "update", "state": {"value": 2}}})
    assert value(kc, "got") == '[]string{"update"}'
    msgs = run(kc, 'w.Send(map[string]any{"method": "update", "state": map[string]any{}, "buffer_paths": [][]string{{"v"}}}, nil, [][]byte{[]byte("bin")})')
    sent = [m for m in msgs if m["msg_type"] == "comm_msg"]
    assert sent and [bytes(b) for b in sent[0]["buffers"]] == [b"bin"]
    send(kc, "comm_close", {"comm_id": cid, "data": {}})
    assert value(kc, "closed") == "true"
    assert comm_info(kc) == {}


def test_widget_control_exchange(kc):
    """What a widget manager does on connecting: open a comm to
    jupyter.widget.control and ask for every widget's state."""
    run(kc, COMM + '''comm.RegisterTarget("jupyter.widget.control", func(c *comm.Comm, data map[string]any, buffers [][]byte) {
	c.OnMsg(func(c *comm.Comm, data map[string]any, buffers [][]byte) {
		if data["method"] == "request_states" {
			c.Send(map[string]any{"method": "update_states", "states": map[string]any{"w1": map[string]any{"model_name": "IntSliderModel"}},
				"buffer_paths": map[string]any{"w1": [][]string{{"img"}}}}, nil, [][]byte{[]byte("png")})
		}
	})
})''')
    cid = uuid.uuid4().hex
    send(kc, "comm_open", {"comm_id": cid, "target_name": "jupyter.widget.control", "data": {}},
         metadata={"version": "2.1.0"})
    asked = send(kc, "comm_msg", {"comm_id": cid, "data": {"method": "request_states"}})
    m = next_iopub(kc, "comm_msg", asked)
    assert m["content"]["data"]["method"] == "update_states"
    assert m["content"]["data"]["states"]["w1"]["model_name"] == "IntSliderModel"
    assert [bytes(b) for b in m["buffers"]] == [b"png"]
    send(kc, "comm_close", {"comm_id": cid, "data": {}})
