package config

import (
	"strings"
	"testing"

	"ticketgate/gateway"
)

func TestPlanKeys(t *testing.T) {
	src := `secret = "0123456789abcdef0123"
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
[tiers.gold]
senders = ["@gold.example"]
response = "6h"
resolution = "2d"
[tiers.contract]
senders = ["@contract.example"]
response = "12h"
resolution = "3d"
combine = "replace"
[tiers.free]
senders = ["@free.example"]
`
	c, err := Parse("t.toml", []byte(src), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckTargets(); err != nil {
		t.Fatalf("sound targets refused: %v", err)
	}
	if !c.Policy.HasTier("free") {
		t.Error("a plan without targets is not a plan")
	}
	_, err = Parse("t.toml", []byte(strings.Replace(src, `"replace"`, `"strictest"`, 1)), noEnv)
	if err == nil || !strings.Contains(err.Error(), `t.toml:13: tiers.contract.combine: "strictest": want stricter or replace`) {
		t.Errorf("bad combine: %v", err)
	}
}

func TestCheckTargetsRefusesInversions(t *testing.T) {
	src := `secret = "0123456789abcdef0123"
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
sla = "mine"

[slas.mine]
P1 = { response = "1h", resolution = "4h" }
P2 = { response = "1d", resolution = "4h" }
P3 = { response = "4h", resolution = "2d" }

[tiers.slow]
senders = ["@slow.example"]
response = "1w"
combine = "replace"

[tiers.quickfix]
senders = ["@q.example"]
resolution = "30m"
`
	c, err := Parse("t.toml", []byte(src), noEnv)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	err = c.CheckTargets()
	if err == nil {
		t.Fatal("inverted targets accepted")
	}
	for _, want := range []string{
		"t.toml:9: slas.mine.P2.resolution: resolution could fall due before the response: a P2 arriving on mailbox support",
		"t.toml:14: tiers.slow.response: resolution could fall due before the response: a P1 of plan slow",
		"t.toml:19: tiers.quickfix.resolution: resolution could fall due before the response: a P1 of plan quickfix",
		"(priority P1) and resolution at",
		"(plan quickfix)",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q; got:\n%v", want, err)
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 3 {
		t.Errorf("%d errors, want one per key:\n%v", n, err)
	}
}

// The five published policies promise nothing self-contradictory.
func TestPoliciesHaveNoInversions(t *testing.T) {
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		c, err := Load("../../../testdata/sla/policy-"+name+".toml", noEnv)
		if err != nil {
			t.Fatalf("policy %s: %v", name, err)
		}
		if err := c.CheckTargets(); err != nil {
			t.Errorf("policy %s: %v", name, err)
		}
	}
}

func TestPriorityNamesByLanguage(t *testing.T) {
	src := `secret = "0123456789abcdef0123"
priorities = [{ fr = "bloquant", en = "blocker" }, "high", { fr = "gênant" }]
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
priority = "P2"
[slas.standard]
P1 = { response = "1h" }
`
	c, err := Parse("t.toml", []byte(src), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	pol := c.Policy
	if pol.Levels() != 3 || pol.Label(1) != "P1 blocker" || pol.Label(3) != "P3 gênant" {
		t.Errorf("levels %d, labels %q %q", pol.Levels(), pol.Label(1), pol.Label(3))
	}
	for _, c := range []struct {
		p    int
		lang string
		want string
		ok   bool
	}{
		{1, "fr", "P1 bloquant", true}, {1, "en", "P1 blocker", true}, {2, "fr", "", false},
		{3, "fr", "P3 gênant", true}, {3, "en", "", false},
	} {
		got, ok := pol.LabelIn(gateway.Priority(c.p), c.lang)
		if got != c.want || ok != c.ok {
			t.Errorf("P%d in %s: %q %v, want %q %v", c.p, c.lang, got, ok, c.want, c.ok)
		}
	}
	bad := strings.Replace(src, `{ fr = "gênant" }`, `{ de = "störend" }`, 1)
	if _, err := Parse("t.toml", []byte(bad), noEnv); err == nil || !strings.Contains(err.Error(), `t.toml:2: priorities: P3: language "de": want fr or en`) {
		t.Errorf("unknown language: %v", err)
	}
	bad = strings.Replace(src, `"high"`, `3`, 1)
	if _, err := Parse("t.toml", []byte(bad), noEnv); err == nil || !strings.Contains(err.Error(), "want a name or a table of names by language") {
		t.Errorf("a number: %v", err)
	}
}
