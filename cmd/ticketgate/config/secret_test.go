package config

import (
	"errors"
	"strings"
	"testing"

	"ticketgate/gateway"
)

const mailbox = `
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
`

// Issue 13 item 4: a secret anyone could guess is refused, with the key.
func TestWeakSecretRefused(t *testing.T) {
	for _, s := range []string{"aaaaaaaaaaaaaaaaaaaaaaaa", "abcabcabcabcabcabcabcabc", "passwordpassword1", "0000000000000000000000000000000000001"} {
		_, err := Parse("t.toml", []byte(`secret = "`+s+`"`+mailbox), noEnv)
		if err == nil || !strings.Contains(err.Error(), "t.toml:1: secret: ") || !strings.Contains(err.Error(), "secret too weak") {
			t.Errorf("%q: %v", s, err)
		}
		// The environment's secret is checked the same way.
		_, err = Parse("t.toml", []byte(`secret = "`+strings.Repeat("x", 8)+`"`+mailbox), func(k string) string {
			if k == EnvSecret {
				return s
			}
			return ""
		})
		if err == nil {
			t.Errorf("$%s=%q accepted", EnvSecret, s)
		}
		if err := gateway.CheckSecret([]byte(s)); !errors.Is(err, gateway.ErrWeakSecret) {
			t.Errorf("CheckSecret(%q) = %v", s, err)
		}
	}
	for range 50 {
		if _, err := Parse("t.toml", Example(), noEnv); err != nil {
			t.Fatalf("a generated secret refused: %v", err)
		}
	}
	if err := gateway.CheckSecret([]byte("0123456789abcdef")); err != nil {
		t.Errorf("16 distinct characters: %v", err)
	}
}
