// Package imaptest starts IMAP servers for tests and benchmarks: go-imap's
// in-memory server, and a real Dovecot in a temporary directory (the
// Debian package dovecot-imapd; with $CI set a missing Dovecot fails the
// test instead of skipping it).
package imaptest

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// Server is an IMAP server tests run against.
type Server interface {
	Addr() string
	NewUser(t testing.TB) (name, password string)
	Restart(t testing.TB)
	// changeUIDValidity gives the user's INBOX a new UIDVALIDITY, keeping
	// (or re-creating) its messages.
	ChangeUIDValidity(t testing.TB, name, password string)
}

// MemServer is go-imap's in-memory server.
type MemServer struct {
	mu    sync.Mutex
	mem   *imapmemserver.Server
	users map[string]*imapmemserver.User
	srv   *imapserver.Server
	ln    net.Listener
	n     int
}

func NewMemServer(t testing.TB) *MemServer {
	b := &MemServer{mem: imapmemserver.New(), users: map[string]*imapmemserver.User{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b.start(ln)
	t.Cleanup(func() { b.srv.Close() })
	return b
}

func (b *MemServer) start(ln net.Listener) {
	b.ln = ln
	b.srv = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return b.mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}},
		InsecureAuth: true,
		// Cut connections are the point of several tests: keep quiet.
		Logger: log.New(io.Discard, "", 0),
	})
	go b.srv.Serve(ln)
}

func (b *MemServer) Addr() string { return b.ln.Addr().String() }

func (b *MemServer) NewUser(t testing.TB) (string, string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	name := fmt.Sprintf("user%02d", b.n)
	u := imapmemserver.NewUser(name, "secret-"+name)
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	b.mem.AddUser(u)
	b.users[name] = u
	return name, "secret-" + name
}

func (b *MemServer) Restart(t testing.TB) {
	addr := b.Addr()
	b.srv.Close()
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ {
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("restart in-memory server on %s: %v", addr, err)
	}
	b.start(ln)
}

func (b *MemServer) ChangeUIDValidity(t testing.TB, name, password string) {
	// The in-memory server numbers mailboxes as they are created:
	// re-creating INBOX with the same messages is a UIDVALIDITY change.
	msgs := FetchAll(t, b.Addr(), name, password, "INBOX")
	u := b.users[name]
	if err := u.Delete("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if _, err := u.Append("INBOX", bytes.NewReader(m.Raw), &imap.AppendOptions{Flags: m.Flags}); err != nil {
			t.Fatal(err)
		}
	}
}

// Dovecot is a real Dovecot started for the test run.
type Dovecot struct {
	dir, conf string
	port      int
	cmd       *exec.Cmd
	mu        sync.Mutex
	n         int
}

const dovecotUsers = 40

func dovecotPath(t testing.TB) string {
	for _, p := range []string{"dovecot", "/usr/sbin/dovecot"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("dovecot is not installed; .ci/run installs dovecot-imapd")
	}
	t.Skip("dovecot not installed (apt-get install dovecot-imapd); CI runs this test")
	return ""
}

func NewDovecot(t testing.TB) *Dovecot {
	bin := dovecotPath(t)
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("the Dovecot tests run as root (Dovecot switches to the mail user)")
		}
		t.Skip("the Dovecot tests need root")
	}
	// Dovecot's mail processes run as nobody and must traverse every
	// parent directory, which t.TempDir (mode 0700) would forbid.
	dir, err := os.MkdirTemp("", "ticketgate-dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	must(t, os.Chmod(dir, 0o755))
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Fatal(err)
	}
	group, err := user.LookupGroup("nogroup")
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	gid, _ := strconv.Atoi(group.Gid)
	mail := filepath.Join(dir, "mail")
	must(t, os.Mkdir(mail, 0o755))
	must(t, os.Chown(mail, uid, gid))
	var users bytes.Buffer
	for i := 1; i <= dovecotUsers; i++ {
		fmt.Fprintf(&users, "user%02d:{PLAIN}secret-user%02d\n", i, i)
	}
	must(t, os.WriteFile(filepath.Join(dir, "users"), users.Bytes(), 0o644))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	conf := filepath.Join(dir, "dovecot.conf")
	must(t, os.WriteFile(conf, []byte(fmt.Sprintf(`instance_name = ticketgate-test-%[2]d
base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:%[1]s/mail/%%u/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[1]s/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=%[1]s/mail/%%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %[2]d
  }
  inet_listener imaps {
    port = 0
  }
}
default_login_user = nobody
default_internal_user = root
`, dir, port)), 0o644))
	b := &Dovecot{dir: dir, conf: conf, port: port}
	b.start(t, bin)
	t.Cleanup(func() { b.stop(t) })
	return b
}

func (b *Dovecot) start(t testing.TB, bin string) {
	t.Helper()
	b.cmd = exec.Command(bin, "-F", "-c", b.conf)
	b.cmd.Stdout, b.cmd.Stderr = os.Stderr, os.Stderr
	if err := b.cmd.Start(); err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	for i := 0; i < 200; i++ {
		if c, err := net.Dial("tcp", b.Addr()); err == nil {
			c.Close()
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	log, _ := os.ReadFile(filepath.Join(b.dir, "dovecot.log"))
	t.Fatalf("dovecot did not listen on %s; log:\n%s", b.Addr(), log)
}

func (b *Dovecot) stop(t testing.TB) {
	if b.cmd == nil || b.cmd.Process == nil {
		return
	}
	b.cmd.Process.Signal(syscall.SIGTERM)
	b.cmd.Wait()
	b.cmd = nil
}

func (b *Dovecot) Addr() string { return fmt.Sprintf("127.0.0.1:%d", b.port) }

func (b *Dovecot) NewUser(t testing.TB) (string, string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	if b.n > dovecotUsers {
		t.Fatal("out of Dovecot test users")
	}
	name := fmt.Sprintf("user%02d", b.n)
	return name, "secret-" + name
}

func (b *Dovecot) Restart(t testing.TB) {
	bin := b.cmd.Path
	b.stop(t)
	b.start(t, bin)
}

func (b *Dovecot) ChangeUIDValidity(t testing.TB, name, _ string) {
	v := strconv.FormatInt(time.Now().Unix()%1_000_000+1000, 10)
	doveadm := "doveadm"
	if _, err := exec.LookPath(doveadm); err != nil {
		doveadm = "/usr/bin/doveadm"
	}
	out, err := exec.Command(doveadm, "-c", b.conf, "mailbox", "update", "-u", name, "--uid-validity", v, "INBOX").CombinedOutput()
	if err != nil {
		t.Fatalf("doveadm mailbox update: %v: %s", err, out)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A plain IMAP client for the test's own appends and checks.

// Dial logs in to addr.

func Dial(t testing.TB, addr, name, password string) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(name, password).Wait(); err != nil {
		t.Fatalf("login %s: %v", name, err)
	}
	return c
}

// Append stores raw in folder with flags.
func Append(t testing.TB, addr, name, password, folder string, raw []byte, flags ...imap.Flag) {
	t.Helper()
	c := Dial(t, addr, name, password)
	defer c.Close()
	AppendOn(t, c, folder, raw, flags...)
	c.Logout().Wait()
}

// AppendOn stores raw in folder over an open connection.
func AppendOn(t testing.TB, c *imapclient.Client, folder string, raw []byte, flags ...imap.Flag) {
	t.Helper()
	cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: flags})
	if _, err := cmd.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatalf("append to %s: %v", folder, err)
	}
}

// Message is a message as stored on the server.
type Message struct {
	UID   imap.UID
	Raw   []byte
	Flags []imap.Flag
}

// FetchAll returns every message of folder, read-only.
func FetchAll(t testing.TB, addr, name, password, folder string) []Message {
	t.Helper()
	c := Dial(t, addr, name, password)
	defer c.Close()
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("select %s: %v", folder, err)
	}
	if sel.NumMessages == 0 {
		return nil
	}
	var ss imap.SeqSet
	ss.AddRange(1, sel.NumMessages)
	bufs, err := c.Fetch(ss, &imap.FetchOptions{UID: true, Flags: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	if err != nil {
		t.Fatalf("fetch %s: %v", folder, err)
	}
	var out []Message
	for _, b := range bufs {
		m := Message{UID: b.UID}
		for _, f := range b.Flags {
			if f != "\\Recent" {
				m.Flags = append(m.Flags, f)
			}
		}
		for _, v := range b.BodySection {
			m.Raw = v.Bytes
		}
		out = append(out, m)
	}
	c.Logout().Wait()
	return out
}

// AppendMany stores every message of raws in folder over one connection.
func AppendMany(t testing.TB, addr, name, password, folder string, raws [][]byte) {
	t.Helper()
	c := Dial(t, addr, name, password)
	defer c.Close()
	for _, raw := range raws {
		AppendOn(t, c, folder, raw)
	}
	c.Logout().Wait()
}

// Count returns the number of messages in folder.
func Count(t testing.TB, addr, name, password, folder string) uint32 {
	t.Helper()
	c := Dial(t, addr, name, password)
	defer c.Close()
	st, err := c.Status(folder, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		t.Fatalf("status of %s: %v", folder, err)
	}
	c.Logout().Wait()
	return *st.NumMessages
}
