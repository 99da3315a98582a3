// Package pgtest gives tests a fresh, empty PostgreSQL database each.
//
// The cluster is the one $TICKETGATE_TEST_POSTGRES names (a postgres://
// URL of a role that may create databases; .ci/run starts one). Without
// it, a test fails when $CI is set; elsewhere pgtest starts a throwaway
// cluster of its own once per test binary (initdb in a temporary
// directory, loopback only, as the postgres user when run as root), or
// skips when PostgreSQL is not installed.
//
// Implementation notes:
//   - Each Open creates a database of a random name and drops it at the
//     test's cleanup (WITH (FORCE): connections a failed test left open
//     do not keep it). Test binaries of several packages share the
//     cluster at once; the names never collide.
//   - A package that may start the cluster calls Main from its TestMain,
//     which stops the cluster and removes its directory when the tests
//     end. The postgres process also gets SIGTERM if the test binary dies.
//   - The clusters are created with UTF-8 and the C.UTF-8 locale, so that
//     case folding of non-ASCII text is the same on every machine.
//   - Loopback connections are trusted, except for members of the role
//     PasswordGroup, whose passwords are checked (scram-sha-256): the
//     line HBALine comes first in pg_hba.conf, here and in .ci/run.
//     OpenWithPassword gives a test such a role.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the cluster tests use.
const EnvURL = "TICKETGATE_TEST_POSTGRES"

// PasswordGroup is the role whose members' passwords the test cluster
// checks, and HBALine the pg_hba.conf line that makes it so.
const (
	PasswordGroup = "ticketgate_password_checked"
	HBALine       = "host all +" + PasswordGroup + " 127.0.0.1/32 scram-sha-256"
)

var (
	mainRunning bool // Main is running the tests: a cluster started here is stopped

	once    sync.Once
	own     *cluster
	ownErr  error
	ownSkip string
)

// Open returns the URL of a new, empty database for t, dropped when t
// ends.
func Open(t testing.TB) string {
	t.Helper()
	base := clusterURL(t)
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("%s must be a postgres:// URL", EnvURL)
	}
	name := "ticketgate_test_" + randomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin := connectAdmin(ctx, t, base)
	defer admin.Close(context.Background())
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatalf("create test database %s: %v", name, err)
	}
	t.Cleanup(func() {
		dropLater(t, base, "test database "+name, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
	})
	u.Path = "/" + name
	return u.String()
}

// OpenWithPassword returns the URL of a new, empty database for t owned by
// a new role that must give its password, without the password, and the
// password. The role and the database are dropped when t ends. When the
// cluster does not check the role's password (its pg_hba.conf lacks
// HBALine), the test fails under $CI and is skipped elsewhere.
func OpenWithPassword(t testing.TB) (dbURL, password string) {
	t.Helper()
	base := clusterURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin := connectAdmin(ctx, t, base)
	defer admin.Close(context.Background())
	// Several test binaries may create the group at once.
	if _, err := admin.Exec(ctx, `DO $$ BEGIN
		CREATE ROLE `+PasswordGroup+` NOLOGIN;
	EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
	END $$`); err != nil {
		t.Fatalf("create role %s: %v", PasswordGroup, err)
	}
	role, password := "ticketgate_test_"+randomHex(8), randomHex(16)
	if _, err := admin.Exec(ctx, "CREATE ROLE "+pgx.Identifier{role}.Sanitize()+" LOGIN PASSWORD '"+password+
		"' IN ROLE "+PasswordGroup); err != nil {
		t.Fatalf("create role %s: %v", role, err)
	}
	// Registered before Open's own cleanup, so it runs after the database
	// the role owns is dropped.
	t.Cleanup(func() { dropLater(t, base, "test role "+role, "DROP ROLE IF EXISTS "+pgx.Identifier{role}.Sanitize()) })
	u, err := url.Parse(Open(t))
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+pgx.Identifier{name}.Sanitize()+" OWNER TO "+pgx.Identifier{role}.Sanitize()); err != nil {
		t.Fatalf("give database %s to %s: %v", name, role, err)
	}
	u.User = url.User(role)
	dbURL = u.String()
	// PGPASSWORD or ~/.pgpass of the environment would stand in for a
	// missing password; the check must see the server's own answer.
	cfg, err := pgx.ParseConfig(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Password = ""
	if c, err := pgx.ConnectConfig(ctx, cfg); err == nil {
		c.Close(context.Background())
		msg := fmt.Sprintf("the test cluster lets role %s in without a password: put %q first in its pg_hba.conf", role, HBALine)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dbURL, password
}

// connectAdmin connects to the cluster at base as the role that creates
// the tests' databases and roles.
func connectAdmin(ctx context.Context, t testing.TB, base string) *pgx.Conn {
	t.Helper()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to the test cluster: %v", err)
	}
	return admin
}

// dropLater runs drop, which removes what, on the cluster at base: a
// test's cleanup, on a connection of its own since the test's are gone.
func dropLater(t testing.TB, base, what, drop string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Errorf("drop %s: %v", what, err)
		return
	}
	defer c.Close(context.Background())
	if _, err := c.Exec(ctx, drop); err != nil {
		t.Errorf("drop %s: %v", what, err)
	}
}

// Main runs the tests of a package that uses Open and stops the cluster
// pgtest started for them, if any. Call it from TestMain.
func Main(m *testing.M) {
	mainRunning = true
	code := m.Run()
	if own != nil {
		if err := own.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	os.Exit(code)
}

func clusterURL(t testing.TB) string {
	t.Helper()
	if u := os.Getenv(EnvURL); u != "" {
		return u
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("PostgreSQL tests need a cluster: set %s to a postgres:// URL of a role that may create databases "+
			"(.ci/run starts one from the Debian package postgresql)", EnvURL)
	}
	if !mainRunning {
		t.Fatalf("set %s, or call pgtest.Main from TestMain so that the cluster pgtest starts is stopped", EnvURL)
	}
	once.Do(func() { own, ownSkip, ownErr = start() })
	switch {
	case ownErr != nil:
		t.Fatalf("start a PostgreSQL cluster for the tests: %v", ownErr)
	case ownSkip != "":
		t.Skipf("%s; set %s to a cluster's URL, or install PostgreSQL (apt-get install postgresql); CI runs these tests", ownSkip, EnvURL)
	}
	return own.url
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// binDir finds PostgreSQL's server programs: on PATH, else the newest
// of Debian's /usr/lib/postgresql/*/bin.
func binDir() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi < vj
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	return ""
}

// cluster is a PostgreSQL server pgtest started.
type cluster struct {
	dir  string
	url  string
	cmd  *exec.Cmd
	done chan error
}

// start runs initdb and postgres in a temporary directory. skip is set
// when this machine cannot run PostgreSQL.
func start() (c *cluster, skip string, err error) {
	bin := binDir()
	if bin == "" {
		return nil, "PostgreSQL is not installed", nil
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		// initdb refuses to run as root; the server runs as postgres.
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, "running as root and there is no postgres user to run PostgreSQL as", nil
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	dir, err := os.MkdirTemp("", "ticketgate-pgtest-")
	if err != nil {
		return nil, "", err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, "", err
		}
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
		"-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, "", fmt.Errorf("initdb: %v\n%s", err, out)
	}
	if err := checkPasswords(filepath.Join(data, "pg_hba.conf")); err != nil {
		return nil, "", err
	}
	port, err := freePort()
	if err != nil {
		return nil, "", err
	}
	c = &cluster{dir: dir, done: make(chan error, 1),
		url: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)}
	log, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		return nil, "", err
	}
	defer log.Close()
	// A throwaway cluster: durability is not what these tests prove.
	c.cmd = exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-k", dir, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off", "-c", "max_connections=200")
	c.cmd.Stdout, c.cmd.Stderr = log, log
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGTERM}
	started := make(chan error, 1)
	// Pdeathsig fires when the thread that started the child ends: keep
	// that thread for as long as the server runs.
	go func() {
		runtime.LockOSThread()
		if err := c.cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		c.done <- c.cmd.Wait()
	}()
	if err := <-started; err != nil {
		return nil, "", fmt.Errorf("start postgres: %w", err)
	}
	if err := c.ready(); err != nil {
		c.stop()
		b, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
		return nil, "", fmt.Errorf("%w\n%s", err, b)
	}
	return c, "", nil
}

// checkPasswords puts HBALine first in the cluster's pg_hba.conf.
func checkPasswords(hba string) error {
	b, err := os.ReadFile(hba)
	if err != nil {
		return fmt.Errorf("read pg_hba.conf: %w", err)
	}
	if err := os.WriteFile(hba, append([]byte(HBALine+"\n"), b...), 0o600); err != nil {
		return fmt.Errorf("write pg_hba.conf: %w", err)
	}
	return nil
}

// ready waits until the server takes connections.
func (c *cluster) ready() error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, c.url)
		cancel()
		if err == nil {
			conn.Close(context.Background())
			return nil
		}
		select {
		case werr := <-c.done:
			return fmt.Errorf("postgres exited: %v", werr)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres not ready after a minute: %w", err)
		}
	}
}

// stop shuts the server down (fast shutdown) and removes its directory.
func (c *cluster) stop() error {
	var err error
	if c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGINT)
		select {
		case werr := <-c.done:
			var exit *exec.ExitError
			if werr != nil && !errors.As(werr, &exit) {
				err = werr
			}
		case <-time.After(30 * time.Second):
			c.cmd.Process.Kill()
			<-c.done
			err = errors.New("postgres did not stop within 30s; killed")
		}
	}
	return errors.Join(err, os.RemoveAll(c.dir))
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
