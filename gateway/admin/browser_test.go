package admin_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"ticketgate/gateway"
	"ticketgate/notifier"
	"ticketgate/notifier/smtpsink"
)

// One headless Chromium serves every browser test of the binary; each
// test gets a tab of its own, with its own cookies.
var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	browserCancel = func() {}
)

func TestMain(m *testing.M) {
	code := m.Run()
	browserCancel()
	os.Exit(code)
}

func chromiumPath() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium on PATH (apt-get install chromium)")
}

// tab opens a new browser tab for the test; without Chromium the test
// skips on a laptop and fails in CI.
func tab(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		path, err := chromiumPath()
		if err != nil {
			browserErr = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
			chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900))
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(alloc)
		browserCancel = func() { cancelCtx(); cancelAlloc() }
		// The first run starts the browser, which lives as long as its
		// context: no timeout on it.
		if err := chromedp.Do(ctx); err != nil {
			browserErr = fmt.Errorf("start chromium: %w", err)
			return
		}
		browserCtx = ctx
	})
	if browserErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests need Chromium in CI: %v", browserErr)
		}
		t.Skipf("no browser: %v", browserErr)
	}
	dialogs := make(chan string, 16)
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithListener(func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			select {
			case dialogs <- d.Message:
			default:
			}
		}
	}))
	t.Cleanup(cancel)
	t.Cleanup(func() {
		select {
		case m := <-dialogs:
			t.Errorf("a script opened a dialog: %q", m)
		default:
		}
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx
}

// step runs browser actions with a short deadline and fails the test
// with what it was doing.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(c, actions...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", what, loc, err)
	}
}

// get runs one action that returns a value, as step does.
func get[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, a)
	if err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", what, loc, err)
	}
	return v
}

// text reads the text of the first element matching a CSS selector.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return get(t, ctx, "read "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// pwned returns the marks set by any script that ran, in the page or in
// any of its frames: each frame is read from an isolated world, which
// sees the frame's DOM whatever its origin.
func pwned(ctx context.Context) ([]string, error) {
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	var marks []string
	var walk func(*page.FrameTree) error
	walk = func(ft *page.FrameTree) error {
		world, err := chromedp.Call(ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: ft.Frame.ID, WorldName: "xss-check"})
		if err != nil {
			return fmt.Errorf("frame %s: %w", ft.Frame.URL, err)
		}
		yes := true
		v, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{ContextID: world.ExecutionContextID, ReturnByValue: &yes,
			Expression: `(document.documentElement && document.documentElement.dataset.pwned || "") + (document.body && document.body.dataset.pwned || "")`})
		if err != nil {
			return fmt.Errorf("frame %s: %w", ft.Frame.URL, err)
		}
		if v.ExceptionDetails != nil {
			return fmt.Errorf("frame %s: %s", ft.Frame.URL, v.ExceptionDetails.Text)
		}
		if s := strings.Trim(string(v.Result.Value), `"`); s != "" {
			marks = append(marks, fmt.Sprintf("%s in %s", s, ft.Frame.URL))
		}
		for _, c := range ft.ChildFrames {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	return marks, walk(tree.FrameTree)
}

// signIn signs a tab in through a one-time link.
func (e *env) signIn(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	link, err := adminLink(e, name)
	if err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "sign in through a link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#tickets")))
}

// deliveryOutbox hands the gateway's outbox to the notifier, as serve
// does.
type deliveryOutbox struct{ o gateway.Outbox }

func (d deliveryOutbox) Claim(ctx context.Context, now time.Time, limit int) ([]notifier.Mail, error) {
	rows, err := d.o.Claim(ctx, now, limit)
	var out []notifier.Mail
	for _, r := range rows {
		m := r.Mail
		n := notifier.Mail{ID: r.ID, Attempts: r.Attempts, Created: r.CreatedAt, MessageID: m.MessageID, Date: m.Date,
			From: notifier.Address(m.From), EnvelopeFrom: m.EnvelopeFrom, ReplyTo: m.ReplyTo, Subject: m.Subject,
			InReplyTo: m.InReplyTo, References: m.References, AutoSubmitted: m.AutoSubmitted, Text: m.Text, HTML: m.HTML}
		for _, a := range m.To {
			n.To = append(n.To, notifier.Address(a))
		}
		for _, a := range m.Attachments {
			n.Attachments = append(n.Attachments, notifier.Attachment(a))
		}
		out = append(out, n)
	}
	return out, err
}

func (d deliveryOutbox) Sent(ctx context.Context, id int64, at time.Time) error {
	return d.o.Sent(ctx, id, at)
}
func (d deliveryOutbox) Retry(ctx context.Context, id int64, at, next time.Time, reason string) error {
	return d.o.Retry(ctx, id, at, next, reason)
}
func (d deliveryOutbox) Dead(ctx context.Context, id int64, at time.Time, reason string) error {
	return d.o.Dead(ctx, id, at, reason)
}

// deliver runs a notifier for the env's outbox into an in-process SMTP
// server until the test ends.
func (e *env) deliver(t *testing.T) *smtpsink.Sink {
	t.Helper()
	sink, err := smtpsink.Start(smtpsink.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	cfg := notifier.Config{Host: "127.0.0.1", Port: sink.Port(), Security: notifier.Plain, HELO: "helpdesk.example.com",
		Poll: 50 * time.Millisecond, MinBackoff: time.Second, MaxBackoff: time.Second, GiveUpAfter: time.Hour}
	n := notifier.New(cfg, deliveryOutbox{e.gw.Outbox()}, e.clock.Now, nil)
	e.onQueued = n.Wake
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { n.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return sink
}

// waitMail waits for a message to reach sink that satisfies ok.
func waitMail(t *testing.T, sink *smtpsink.Sink, what string, ok func(smtpsink.Message) bool) smtpsink.Message {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		for _, m := range sink.Messages() {
			if ok(m) {
				return m
			}
		}
		select {
		case <-sink.Received():
		case <-deadline:
			t.Fatalf("%s never reached the SMTP server (%d messages there)", what, len(sink.Messages()))
		}
	}
}
