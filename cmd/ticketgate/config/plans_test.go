package config

import (
	"strings"
	"testing"
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
