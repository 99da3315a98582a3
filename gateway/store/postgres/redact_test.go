package postgres

import (
	"context"
	"strings"
	"testing"
)

// A URL that does not parse, or a server that does not answer, is an
// error that names the database without its password.
func TestOpenErrorsHideThePassword(t *testing.T) {
	for _, u := range []string{"postgres://u:s3cretpw@127.0.0.1:1/db?sslmode=bogus", "postgres://u:s3cretpw@127.0.0.1:1/db?connect_timeout=2",
		"postgres://u:s3cretpw@[::1/db", "postgresql://u@127.0.0.1:1/db?password=s3cretpw&connect_timeout=2"} {
		_, err := Open(context.Background(), u)
		if err == nil || strings.Contains(err.Error(), "s3cretpw") {
			t.Errorf("open %s: %v", Redact(u), err)
		}
	}
}
