package admin_test

import (
	"encoding/base64"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ticketgate/gateway"
)

// xssPayloads are shapes of script injection, each with M where the
// script marks the page it ran in. They cover tags, event attributes,
// attribute and element break-outs, javascript: and data: URLs, srcdoc,
// parser differentials (mutation XSS) and encodings.
var xssPayloads = []string{
	`<script>M</script>`,
	`<img src=x onerror=M>`,
	`<svg onload=M>`,
	`"><script>M</script>`,
	`'><img src=x onerror=M>`,
	`</textarea><script>M</script>`,
	`</title><script>M</script>`,
	`<iframe srcdoc="<script>parent.M</script>"></iframe>`,
	`<body onload=M>`,
	`<details open ontoggle=M>`,
	`<input autofocus onfocus=M>`,
	`<video><source onerror=M></video>`,
	`<math><mtext></p><script>M</script>`,
	`<svg><script>M</script></svg>`,
	`<noscript><p title="</noscript><img src=x onerror=M>">`,
	`<object data="javascript:M"></object>`,
	`<embed src="javascript:M">`,
	`<meta http-equiv="refresh" content="0;url=javascript:M">`,
	`<!--<img src="--><img src=x onerror=M//">`,
	`<style>@import 'javascript:M';</style>`,
	`<marquee onstart=M>x</marquee>`,
	`<form><button formaction="javascript:M" autofocus>x</button></form>`,
	`{{.Reference}}<script>M</script>{{"<"}}`,
	`<img src=x:x onerror=&#x4d;>`,
	`<scr<script>ipt>M</scr</script>ipt>`,
	`<select autofocus onfocus=M>`,
	`<textarea autofocus onfocus=M>`,
	`<svg><animate onbegin=M attributeName=x dur=1s>`,
	`<audio src=x onerror=M>`,
	`<link rel=stylesheet href="javascript:M">`,
	`<xmp><script>M</script></xmp>`,
	`"onmouseover="M" autofocus onfocus="M`,
	`' onfocus='M' autofocus='`,
	`<svg><a xlink:href="javascript:M"><text x=20 y=20>x</text></a></svg>`,
	`<iframe src="javascript:parent.M"></iframe>`,
	`<script src="data:text/javascript,M"></script>`,
	`<img src=x onerror="eval(atob('B64'))">`,
	`\u003cscript\u003eM\u003c/script\u003e`,
	`</script><script>M</script>`,
	`<template><script>M</script></template><img src=x onerror=M>`,
	`<img srcset="x" onerror=M>`,
	`<picture><source srcset=x><img src=x onerror=M></picture>`,
	`<a href="jav&#x09;ascript:M" id=clickme>x</a><img src=x onerror=M>`,
	`<div onpointerenter=M style="position:fixed;inset:0">x</div>`,
	`<svg><foreignObject><iframe srcdoc="&lt;script&gt;parent.M&lt;/script&gt;"></iframe></foreignObject></svg>`,
	`<table><td background="javascript:M"><img src=x onerror=M>`,
	`<base href="javascript:M//"><img src=x onerror=M>`,
	`%3Cscript%3EM%3C%2Fscript%3E`,
	`+ADw-script+AD4-M+ADw-/script+AD4-`,
	`<![CDATA[<]]><script>M</script>`,
	`<isindex type=image src=1 onerror=M>`,
	`<img src=x onerror=M ` + "\u2028" + `>`,
	`<style onload=M></style>`,
	"<img src=`x` onerror=M>",
}

// xssMark is the script a payload runs: it marks the document with n.
func xssMark(n int) string { return fmt.Sprintf("document.documentElement.dataset.pwned=%d", n) }

func xssPayload(i, field int) string {
	m := xssMark(field*100 + i)
	p := xssPayloads[i]
	p = strings.ReplaceAll(p, "B64", base64.StdEncoding.EncodeToString([]byte(m)))
	p = strings.ReplaceAll(p, "&#x4d;", htmlEntities(m))
	return strings.ReplaceAll(p, "M", m)
}

func htmlEntities(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "&#x%x;", r)
	}
	return b.String()
}

// The fields a payload goes in.
const (
	inSubject = iota + 1
	inName
	inText
	inHTML
	inFilename
	inReflected
)

// hostileMail carries payloads a and b in its subject, the sender's
// name, the text and HTML bodies and an attachment's name.
func hostileMail(n, a, b int) []byte {
	enc := func(s string) string { return mime.BEncoding.Encode("utf-8", s) }
	pair := func(field int) string { return xssPayload(a, field) + " " + xssPayload(b, field) }
	return []byte(fmt.Sprintf("From: %s <x%d@customer.example>\r\nTo: support@helpdesk.example.com\r\nSubject: %s\r\n"+
		"Message-ID: <xss-%d@customer.example>\r\nDate: Tue, 24 Nov 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"+
		"Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"+
		"--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"+
		"--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"+
		"--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n--alt--\r\n"+
		"--outer\r\nContent-Type: text/html; name*=utf-8''%s\r\nContent-Disposition: attachment; filename*=utf-8''%s\r\n"+
		"Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--outer--\r\n",
		displayName(pair(inName)), n, enc(pair(inSubject)), n,
		base64.StdEncoding.EncodeToString([]byte("Hello,\n"+pair(inText)+"\nThanks")),
		base64.StdEncoding.EncodeToString([]byte("<p>Hello</p>"+pair(inHTML)+"<p>Thanks</p>")),
		rfc2231(xssPayload(a, inFilename)), rfc2231(xssPayload(a, inFilename)),
		base64.StdEncoding.EncodeToString([]byte(pair(inHTML)))))
}

func TestBrowserXSSSweep(t *testing.T) {
	if len(xssPayloads) < 50 {
		t.Fatalf("only %d payloads", len(xssPayloads))
	}
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAdmin, "")
	half := (len(xssPayloads) + 1) / 2
	var refs []string
	for i := 0; i < half; i++ {
		refs = append(refs, e.ingest("support", hostileMail(i, i, (i+half)%len(xssPayloads))))
	}
	ctx := tab(t)
	// The check itself: a page whose scripts run, in the page and in a
	// frame, is caught.
	step(t, ctx, "open a page that runs scripts", chromedp.Navigate(`data:text/html,<script>`+xssMark(1)+`</script>`+
		`<iframe srcdoc="<script>`+xssMark(2)+`</script>"></iframe>`), chromedp.WaitReady(chromedp.CSS("iframe")))
	if marks, err := pwned(ctx); err != nil || len(marks) != 2 {
		t.Fatalf("the check misses scripts that ran: %v %v", marks, err)
	}
	e.signIn(t, ctx, "alice")
	checked := 0
	visit := func(path, waitFor string) {
		t.Helper()
		step(t, ctx, "open "+path, chromedp.Navigate(e.srv.URL+path), chromedp.WaitReady(chromedp.CSS(waitFor)))
		marks, err := pwned(ctx)
		if err != nil {
			t.Fatalf("read marks on %s: %v", path, err)
		}
		if len(marks) > 0 {
			t.Errorf("a script ran on %s: %s", path, strings.Join(marks, "; "))
		}
		checked++
	}
	// The payloads reach the pages: a listing shows the subjects and
	// names as text.
	visit("/tickets", "#tickets")
	listed := text(t, ctx, "#tickets")
	if !strings.Contains(listed, "<script>") || !strings.Contains(listed, "onerror=") {
		t.Fatalf("the payloads are not in the listing as text:\n%.500s", listed)
	}
	visit("/outbox", "#outbox")
	for _, ref := range refs {
		visit("/tickets/"+url.PathEscape(ref), "#timeline")
		rec, err := e.gw.TicketRecord(e.ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Entries) == 0 || len(rec.Entries[0].Attachments) == 0 || rec.Entries[0].HTML == "" ||
			!strings.ContainsAny(rec.Entries[0].From.Name, "<\"'%+") || !strings.ContainsAny(rec.Entries[0].Attachments[0].Filename, "<\"'%+") {
			t.Fatalf("%s: the hostile mail lost its HTML or attachment: %+v", ref, rec.Entries)
		}
	}
	// Opened on their own too, outside the ticket page's iframe; and the
	// agents' notice previewed for each hostile ticket.
	for i, ref := range refs {
		rec, _ := e.gw.TicketRecord(e.ctx, ref)
		if i%3 == 0 {
			visit(fmt.Sprintf("/tickets/%s/messages/%d/html", url.PathEscape(ref), rec.Entries[0].ID), "body")
		}
		if i%3 == 1 {
			visit("/templates/agent-new-ticket/en?ticket="+url.QueryEscape(ref), "#preview-pane")
		}
	}
	// Reflected: what a link could put in the query or the path.
	for i := 0; i < len(xssPayloads); i += 5 {
		p := xssPayload(i, inReflected)
		visit("/tickets?q="+url.QueryEscape(p)+"&tier="+url.QueryEscape(p)+"&assignee="+url.QueryEscape(p), "#tickets")
		visit("/tickets/"+url.PathEscape(p), "#error")
		visit("/templates/ack/en?ticket="+url.QueryEscape(p), "#source")
		visit("/tickets?status="+url.QueryEscape(p), "#error")
	}
	// A draft template that prints hostile data as HTML is escaped by the
	// template engine, and its preview runs nothing either.
	draft := "Subject: {{.Subject}}\n--- text ---\n{{.Subject}} {{.CustomerName}}\n--- html ---\n<p>{{.Subject}}</p><p>{{.CustomerName}}</p><p>{{.Message}}</p>\n"
	if _, err := e.gw.SaveTemplate(e.ctx, "agent-notice", "en", draft, "test"); err != nil {
		t.Fatal(err)
	}
	for _, ref := range refs[:5] {
		visit("/templates/agent-notice/en?ticket="+url.QueryEscape(ref), "#preview-pane")
	}
	t.Logf("%d payloads × %d fields, %d pages checked", len(xssPayloads), inReflected, checked)
}

// displayName writes a name as a quoted string (RFC 5322 §3.2.4), or as
// an encoded word when it is not ASCII.
func displayName(s string) string {
	for _, r := range s {
		if r > 0x7e {
			return mime.BEncoding.Encode("utf-8", s)
		}
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// rfc2231 percent-encodes a parameter value (RFC 2231 §4): only letters
// and digits stay as they are.
func rfc2231(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
