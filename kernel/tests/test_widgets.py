"""kernel/widgets through a real jupyter_client, as a widget manager
(JupyterLab's jupyterlab_widgets) drives it: widgets opened by cells with
protocol 2.1.0, updates from the "browser", the callbacks and debounced
redraws they cause, bad input, cells run again, and an interrupt that stops a
runaway callback."""

import base64
import queue
import time
import uuid

import pytest
from jupyter_client.manager import KernelManager

W = 'import "github.com/boltzbook/boltzbook/kernel/widgets"\n'


@pytest.fixture(scope="module")
def kc():
    km = KernelManager(kernel_name="boltzbook")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    kc.km = km
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def drain(kc):
    while True:
        try:
            kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            return


def run(kc, code, cell_id=None, timeout=120):
    """Execute code (with JupyterLab's cellId metadata if given); return its
    reply content and the iopub messages it caused."""
    msg = kc.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                             "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
                         metadata={"cellId": cell_id} if cell_id else {})
    kc.shell_channel.send(msg)
    mid = msg["header"]["msg_id"]
    out, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            continue
        if m["parent_header"].get("msg_id") != mid:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
        out.append(m)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != mid:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], out


def ok(kc, code, cell_id=None):
    reply, out = run(kc, code, cell_id)
    assert reply["status"] == "ok", reply
    return out


def value(kc, code):
    res = [m["content"]["data"]["text/plain"] for m in ok(kc, code) if m["msg_type"] == "execute_result"]
    return res[0] if res else None


def opened(msgs):
    """model id → state of the widgets opened in msgs."""
    return {m["content"]["comm_id"]: m for m in msgs
            if m["msg_type"] == "comm_open" and m["content"]["target_name"] == "jupyter.widget"}


def by_model(msgs, name):
    return [cid for cid, m in opened(msgs).items() if m["content"]["data"]["state"]["_model_name"] == name]


def update(kc, cid, state, buffers=None, paths=None):
    msg = kc.session.msg("comm_msg", {"comm_id": cid, "data": {"method": "update", "state": state,
                                                               "buffer_paths": paths or []}})
    kc.session.send(kc.shell_channel.socket, msg, buffers=buffers or [])
    return msg["header"]["msg_id"]


def comm_msgs(kc, cid, until, timeout=10):
    """Collect comm_msgs for cid until until(msgs) is true."""
    got, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == cid:
            got.append(m)
            if until(got):
                return got
    raise AssertionError(f"timed out; got {[g['content']['data'] for g in got]}")


def last_text(outs):
    """text/plain of the last display in outputs, or None."""
    for o in reversed(outs or []):
        if o.get("output_type") == "display_data":
            t = o["data"].get("text/plain")
            return "".join(t) if isinstance(t, list) else t
    return None


def outputs_of(m):
    return m["content"]["data"].get("state", {}).get("outputs")


def test_open_update_redraw(kc):
    drain(kc)
    msgs = ok(kc, W + '''import "fmt"
wxS := widgets.NewIntSlider("x", 3, 0, 10)
wxSeen := []int{}
widgets.Interact(func(x int) string { wxSeen = append(wxSeen, x); return fmt.Sprint("drawn ", x) }, wxS)''')
    [sid] = by_model(msgs, "IntSliderModel")
    [oid] = by_model(msgs, "OutputModel")
    o = opened(msgs)[sid]
    assert o["metadata"] == {"version": "2.1.0"}
    st = o["content"]["data"]["state"]
    assert st["_model_module"] == "@jupyter-widgets/controls" and st["_model_module_version"] == "2.0.0"
    assert (st["value"], st["min"], st["max"], st["description"]) == (3, 0, 10, "x")
    results = [m for m in msgs if m["msg_type"] == "execute_result"]
    view = results[0]["content"]["data"]["application/vnd.jupyter.widget-view+json"]
    assert view["version_major"] == 2 and view["model_id"] in opened(msgs)
    assert len(by_model(msgs, "VBoxModel")) == 1

    # The browser moves the slider: the value is echoed and the output redrawn.
    update(kc, sid, {"value": 7})
    got = comm_msgs(kc, oid, lambda g: any("drawn 7" in str(outputs_of(m)) for m in g))
    assert value(kc, "wxS.Value") == "7"
    assert value(kc, "wxSeen") == "[]int{3, 7}"
    drain(kc)


def test_burst_is_debounced(kc):
    drain(kc)
    msgs = ok(kc, W + '''import "time"
wbS := widgets.NewIntSlider("x", 0, 0, 1000)
wbDraws := 0
widgets.Interact(func(x int) int { wbDraws++; time.Sleep(50 * time.Millisecond); return x }, wbS)''')
    [sid] = by_model(msgs, "IntSliderModel")
    [oid] = by_model(msgs, "OutputModel")
    t0 = time.monotonic()
    for v in range(1, 101):
        update(kc, sid, {"value": v})
    # The last value is drawn soon after the last update: no backlog of
    # 100 redraws of 50 ms each.
    comm_msgs(kc, oid, lambda g: last_text(outputs_of(g[-1])) == "100", timeout=10)
    took = time.monotonic() - t0
    draws = int(value(kc, "wbDraws"))
    print(f"100 updates: last value drawn after {took*1000:.0f} ms, {draws} draws")
    assert draws < 30, f"{draws} redraws for 100 updates"
    assert took < 3, f"the last value took {took:.1f} s to draw"
    assert value(kc, "wbS.Value") == "100"


def test_bad_input_is_ignored(kc):
    drain(kc)
    msgs = ok(kc, W + 'wbad := widgets.NewIntSlider("x", 5, 0, 10)\nwimg := widgets.NewImage([]byte("png"), "png")')
    [sid] = by_model(msgs, "IntSliderModel")
    [iid] = by_model(msgs, "ImageModel")
    assert opened(msgs)[iid]["content"]["data"]["buffer_paths"] == [["value"]]
    assert [bytes(b) for b in opened(msgs)[iid]["buffers"]] == [b"png"]
    update(kc, uuid.uuid4().hex, {"value": 1})            # unknown comm
    update(kc, sid, {"value": "seven"})                    # wrong type
    update(kc, sid, {"value": [1, 2]})
    update(kc, sid, {"no_such_attribute": 1})
    update(kc, iid, {}, buffers=[b"a", b"b"], paths=[["value"]])  # malformed buffers
    update(kc, iid, {}, buffers=[b"a"], paths=[["value", 7]])
    m = kc.session.msg("comm_msg", {"comm_id": sid, "data": {"method": "update", "state": "garbage"}})
    kc.session.send(kc.shell_channel.socket, m)
    m = kc.session.msg("comm_msg", {"comm_id": sid, "data": "not even an object"})
    kc.session.send(kc.shell_channel.socket, m)
    assert value(kc, "wbad.Value") == "5"
    assert value(kc, "string(wimg.Value)") == '"png"'
    # Out of range: clamped as the front end would, and sent back.
    drain(kc)
    update(kc, sid, {"value": 1e9})
    got = comm_msgs(kc, sid, lambda g: any(x["content"]["data"].get("method") == "update" for x in g))
    upd = [x for x in got if x["content"]["data"].get("method") == "update"][0]
    assert upd["content"]["data"]["state"]["value"] == 10
    assert value(kc, "wbad.Value") == "10"
    # Binary buffers from the front end.
    update(kc, iid, {}, buffers=[b"\x89PNG-new"], paths=[["value"]])
    assert value(kc, "string(wimg.Value)") == '"\\x89PNG-new"'


def test_rerun_closes_widgets(kc):
    drain(kc)
    cell = "cell-" + uuid.uuid4().hex
    code = W + 'wrr := widgets.NewCheckbox("again", true)\nwrr'
    first = opened(ok(kc, code, cell))
    assert len(first) == 1
    again = ok(kc, code, cell)
    closed = {m["content"]["comm_id"] for m in again if m["msg_type"] == "comm_close"}
    assert closed == set(first), "running the cell again should close its old widget"
    assert len(opened(again)) == 1
    kc.comm_info("jupyter.widget")
    info = kc.get_shell_msg(timeout=10)["content"]["comms"]
    assert not set(first) & set(info) and set(opened(again)) <= set(info)


def test_control_request_states(kc):
    drain(kc)
    msgs = ok(kc, W + 'wctl := widgets.NewFloatSlider("ctl", 0.5, 0, 1, 0.1)\nwctlImg := widgets.NewImage([]byte{1, 2, 3}, "png")')
    sid = by_model(msgs, "FloatSliderModel")[0]
    iid = by_model(msgs, "ImageModel")[0]
    cid = uuid.uuid4().hex
    m = kc.session.msg("comm_open", {"comm_id": cid, "target_name": "jupyter.widget.control", "data": {}},
                       metadata={"version": "1.0.0"})
    kc.shell_channel.send(m)
    m = kc.session.msg("comm_msg", {"comm_id": cid, "data": {"method": "request_states"}})
    kc.shell_channel.send(m)
    [r] = comm_msgs(kc, cid, lambda g: True)
    data = r["content"]["data"]
    assert data["method"] == "update_states"
    assert data["states"][sid]["model_name"] == "FloatSliderModel"
    assert data["states"][sid]["state"]["value"] == 0.5
    k = data["buffer_paths"].index([iid, "value"])
    assert bytes(r["buffers"][k]) == b"\x01\x02\x03"


def test_interrupt_stops_a_callback(kc):
    drain(kc)
    msgs = ok(kc, W + '''wiC := widgets.NewCheckbox("spin", false)
wiI := widgets.Interact(func(on bool) string {
	n := 0
	for on {
		n++
	}
	return "idle"
}, wiC)''')
    [cid] = by_model(msgs, "CheckboxModel")
    [oid] = by_model(msgs, "OutputModel")
    update(kc, cid, {"value": True})
    time.sleep(1)  # the redraw spins now
    t0 = time.monotonic()
    kc.km.interrupt_kernel()
    comm_msgs(kc, oid, lambda g: "Interrupted" in str(outputs_of(g[-1])), timeout=10)
    print(f"interrupt to the output area saying so: {(time.monotonic() - t0)*1000:.0f} ms")
    assert value(kc, "1 + 1") == "2"
    assert value(kc, "wiC.Value") == "true"


def test_panic_in_callback_shows_in_output(kc):
    drain(kc)
    msgs = ok(kc, W + '''wpS := widgets.NewIntSlider("n", 1, 0, 5)
widgets.Interact(func(n int) int { return 10 / (n - 3) }, wpS)''')
    [sid] = by_model(msgs, "IntSliderModel")
    [oid] = by_model(msgs, "OutputModel")
    update(kc, sid, {"value": 3})
    got = comm_msgs(kc, oid, lambda g: "error" in str(outputs_of(g[-1])))
    err = [o for o in outputs_of(got[-1]) if o["output_type"] == "error"][0]
    assert "divide by zero" in err["evalue"]
    assert value(kc, "wpS.Value") == "3"


def test_figure_redraw(kc):
    """A plots figure redrawn on an update: a new PNG within the budget."""
    drain(kc)
    msgs = ok(kc, W + '''import "github.com/boltzbook/boltzbook/plots"
wfT := widgets.NewFloatLogSlider("T", 1, -1, 1, 0.05)
widgets.Interact(func(T float64) *plots.Figure {
	xs := []float64{0, 1, 2, 3}
	ys := []float64{0, T, 2 * T, 3 * T}
	return plots.LearningCurves([]plots.Series{{Name: "T", X: xs, Y: ys}}, nil)
}, wfT)''')
    [sid] = by_model(msgs, "FloatLogSliderModel")
    [oid] = by_model(msgs, "OutputModel")

    def png(outs):
        for o in outs or []:
            if o.get("output_type") == "display_data" and "image/png" in o["data"]:
                return o["data"]["image/png"]
    first = [m for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == oid]
    before = png(outputs_of(first[-1]))
    assert before and base64.b64decode(before)[:4] == b"\x89PNG"
    t0 = time.monotonic()
    update(kc, sid, {"value": 5.0})
    got = comm_msgs(kc, oid, lambda g: png(outputs_of(g[-1])) not in (None, before))
    took = time.monotonic() - t0
    print(f"update to redrawn PNG: {took*1000:.0f} ms")
    assert took < 2
