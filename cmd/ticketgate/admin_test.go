package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"ticketgate/notifier/smtpsink"
)

// freePort finds a loopback port nobody listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func TestAdminUserAndLinkThroughServe(t *testing.T) {
	sink := startSink(t, smtpsink.Options{})
	_, sport, _ := net.SplitHostPort(sink.Addr())
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d/admin", port)
	cfg := writeConfig(t, fmt.Sprintf(`secret = "0123456789abcdef-admin-test"
hostname = "helpdesk.example.com"
[smtp]
host = "127.0.0.1"
port = %s
security = "plain"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
[admin]
listen = "127.0.0.1:%d"
base_url = %q
`, sport, port, base))
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	out, errOut, code := cli(t, "s3cret password\n", env, "admin", "user", "add", "alice", "--role", "admin", "--email", "alice@helpdesk.example.com")
	if code != 0 || !strings.Contains(out, "added alice (admin) with a password") {
		t.Fatalf("user add: %d %s %s", code, out, errOut)
	}
	if strings.Contains(out+errOut, "s3cret") {
		t.Fatal("the password was echoed")
	}
	if _, errOut, code := cli(t, "x\n", env, "admin", "user", "add", "alice"); code == 0 || !strings.Contains(errOut, "exists already") {
		t.Fatalf("second add: %d %s", code, errOut)
	}
	if _, errOut, code := cli(t, "x\n", env, "admin", "user", "add", "bob", "--role", "boss"); code != exUsage || !strings.Contains(errOut, "unknown role") {
		t.Fatalf("bad role: %d %s", code, errOut)
	}
	if _, errOut, code := cli(t, "", env, "admin", "link", "nobody"); code == 0 || !strings.Contains(errOut, "no user nobody") {
		t.Fatalf("link for nobody: %d %s", code, errOut)
	}
	out, errOut, code = cli(t, "", env, "admin", "link", "alice")
	link := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(link, base+"/signin/") {
		t.Fatalf("link: %d %q %s", code, out, errOut)
	}
	serveInProcess(t, cfg)
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 5 * time.Second}
	deadline := time.Now().Add(10 * time.Second)
	for {
		r, err := hc.Get(base + "/login")
		if err == nil {
			r.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the web admin does not answer on %s: %v", base, err)
		}
		time.Sleep(20 * time.Millisecond) // polling a listener's start, with a deadline
	}
	r, err := hc.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusOK || r.Request.URL.Path != "/admin/tickets" {
		t.Fatalf("sign-in link: %d at %s", r.StatusCode, r.Request.URL)
	}
	if r.Header.Get("Content-Security-Policy") == "" {
		t.Error("no CSP through serve")
	}
	r, err = hc.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusGone {
		t.Errorf("link used twice: %d", r.StatusCode)
	}
}

func TestAdminLinkNeedsTheAdminOn(t *testing.T) {
	cfg := writeConfig(t, `secret = "0123456789abcdef-admin-test"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
[admin]
enabled = false
`)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	if _, errOut, code := cli(t, "", env, "admin", "link", "alice"); code != exUsage || !strings.Contains(errOut, "web admin is off") {
		t.Fatalf("link with the admin off: %d %s", code, errOut)
	}
	bad := writeConfig(t, `secret = "0123456789abcdef-admin-test"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
[admin]
listen = "nowhere"
base_url = "ftp://x"
`)
	_, errOut, code := cli(t, "", map[string]string{"TICKETGATE_CONFIG": bad}, "check")
	if code == 0 || !strings.Contains(errOut, "admin.listen") || !strings.Contains(errOut, "admin.base_url") {
		t.Fatalf("check of a bad [admin]: %d %s", code, errOut)
	}
}
