package config

import (
	"strings"
	"testing"
)

const creditBase = `secret = "0123456789abcdef0123"
[mailboxes.support]
address = "support@example.com"
prefix = "SUP"
`

func TestCreditTerms(t *testing.T) {
	c, err := Parse("t.toml", []byte(creditBase+`
[tiers.gold]
senders = ["@gold.example"]
fee = 500
credit = "10%"
credit_cap = "50%"

[tiers.silver]
senders = ["@silver.example"]
credit = "25.50 EUR"
credit_cap = "EUR 100"

[tiers.bronze]
senders = ["@bronze.example"]
`), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	plans := c.Plans()
	if len(plans) != 2 {
		t.Fatalf("plans: %+v", plans)
	}
	g, s := plans["gold"], plans["silver"]
	if g.Fee.Cents != 50000 || g.Credit.String() != "10%" || g.Cap.String() != "50%" {
		t.Errorf("gold: %+v", g)
	}
	if s.Credit.String() != "25.50 EUR" || s.Cap.String() != "100.00 EUR" {
		t.Errorf("silver: %+v", s)
	}
}

func TestCreditErrorsNameKeyAndLine(t *testing.T) {
	_, err := Parse("t.toml", []byte(creditBase+`
[tiers.a]
senders = ["@a.example"]
credit = "10%"

[tiers.b]
senders = ["@b.example"]
fee = "five hundred"

[tiers.c]
senders = ["@c.example"]
credit = "120%"

[tiers.d]
senders = ["@d.example"]
fee = "500 EUR"
credit = "50 USD"

[tiers.e]
senders = ["@e.example"]
credit_cap = "20%"
fee = -3
`), noEnv)
	if err == nil {
		t.Fatal("invalid credit terms accepted")
	}
	for _, want := range []string{
		"t.toml:8: tiers.a.credit: a share of the fee needs the plan's fee",
		`t.toml:12: tiers.b.fee: "five hundred": want an amount`,
		`t.toml:16: tiers.c.credit: "120%": want a share like "10%"`,
		"t.toml:20: tiers.d.fee: the plan's amounts must be in one currency",
		`t.toml:26: tiers.e.fee: "-3": want an amount`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q; got:\n%v", want, err)
		}
	}
}
