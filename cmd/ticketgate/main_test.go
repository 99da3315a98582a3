package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"ticketgate/gateway/store/pgtest"
)

// TestMain lets crash tests run this test binary as the ticketgate command:
// with TICKETGATE_TEST_MAIN=1 it is main. pgtest stops the PostgreSQL
// cluster it may have started for the tests.
func TestMain(m *testing.M) {
	if os.Getenv("TICKETGATE_TEST_MAIN") == "1" {
		main()
		return
	}
	pgtest.Main(m)
}

// cli runs a command in-process and returns its output and exit code.
func cli(t testing.TB, stdin string, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env_{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }}
	code = exitCode(e.env(), run(context.Background(), e.env(), args))
	return out.String(), errb.String(), code
}

// env_ builds an env whose stderr also receives exitCode's message.
type env_ struct {
	stdin          *strings.Reader
	stdout, stderr *bytes.Buffer
	getenv         func(string) string
	e              *env
}

func (x *env_) env() *env {
	if x.e == nil {
		x.e = &env{stdin: x.stdin, stdout: x.stdout, stderr: x.stderr, getenv: x.getenv}
	}
	return x.e
}
