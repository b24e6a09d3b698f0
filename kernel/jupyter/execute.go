// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"encoding/json"
	"fmt"
	"maps"
	"runtime/debug"
)

// executeContent is the content of an execute_request. Pointers tell
// absent fields from false ones: store_history and stop_on_error
// default to true.
type executeContent struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      *bool             `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

func orTrue(b *bool) bool { return b == nil || *b }

// cellID returns the cellId JupyterLab puts in an execute_request's
// metadata, or "".
func cellID(m *Message) string {
	var md struct {
		CellID string `json:"cellId"`
	}
	json.Unmarshal(m.Metadata, &md)
	return md.CellID
}

// execute runs a cell. The kernel owns the execution count: it goes up
// only for non-silent requests that store history.
func (k *Kernel) execute(m *Message) {
	var c executeContent
	if err := json.Unmarshal(m.Content, &c); err != nil {
		k.replyError(k.shell, m, "BadRequest", "execute_request content: "+err.Error())
		return
	}
	store := !c.Silent && orTrue(c.StoreHistory)
	if store {
		k.count++
	}
	count := k.count
	if !c.Silent {
		k.publish("execute_input", m, map[string]any{"code": c.Code, "execution_count": count})
	}
	req := ExecuteRequest{
		Code:            c.Code,
		Silent:          c.Silent,
		StoreHistory:    store,
		AllowStdin:      orTrue(c.AllowStdin),
		StopOnError:     orTrue(c.StopOnError),
		UserExpressions: c.UserExpressions,
		ExecutionCount:  count,
		CellID:          cellID(m),
	}
	pub := &publisher{k: k, parent: parentOf(m), silent: c.Silent, allowStdin: req.AllowStdin}
	res := k.runCell(req, pub)

	var output any
	if res.Data != nil && !c.Silent {
		md := res.Metadata
		if md == nil {
			md = map[string]any{}
		}
		data := wireBundle(res.Data)
		k.publish("execute_result", m, map[string]any{"execution_count": count, "data": data, "metadata": md})
		if s, ok := data["text/plain"].(string); ok {
			output = s
		}
	}
	payload := []any{}
	for _, p := range res.Payload {
		if d, ok := p["data"].(MIMEBundle); ok {
			p = maps.Clone(p)
			p["data"] = wireBundle(d)
		}
		payload = append(payload, p)
	}
	if store {
		k.remember(count, c.Code, output)
	}
	ue := res.UserExpressions
	if ue == nil {
		ue = map[string]any{}
	}
	if e := res.Error; e != nil {
		tb := e.Traceback
		if tb == nil {
			tb = []string{}
		}
		if !c.Silent {
			k.publish("error", m, map[string]any{"ename": e.Name, "evalue": e.Value, "traceback": tb})
		}
		if req.StopOnError {
			k.takeQueued()
		}
		k.reply(k.shell, m, "execute_reply", map[string]any{
			"status": "error", "execution_count": count,
			"ename": e.Name, "evalue": e.Value, "traceback": tb,
			"user_expressions": ue, "payload": payload,
		})
		return
	}
	k.reply(k.shell, m, "execute_reply", map[string]any{
		"status": "ok", "execution_count": count, "payload": payload, "user_expressions": ue,
	})
}

// runCell calls the interpreter, turning a panic that escapes it into
// an error result so that the kernel keeps serving.
func (k *Kernel) runCell(req ExecuteRequest, pub Publisher) (res ExecuteResult) {
	k.executing.Store(true)
	defer k.executing.Store(false)
	defer func() {
		if r := recover(); r != nil {
			k.log.Printf("interpreter panicked: %v\n%s", r, debug.Stack())
			res = ExecuteResult{Error: &ExecError{
				Name:      "KernelError",
				Value:     fmt.Sprint(r),
				Traceback: []string{fmt.Sprintf("KernelError: the interpreter panicked: %v", r)},
			}}
		}
	}()
	return k.interp.Execute(req, pub)
}
