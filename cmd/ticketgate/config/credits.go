package config

import (
	"errors"
	"fmt"
	"strconv"

	"ticketgate/gateway/report"
)

// validateCredits checks each plan's credit terms (fee, credit,
// credit_cap), each at its own key.
func (c *Config) validateCredits(p *problems) {
	for _, name := range sortedKeys(c.Tiers) {
		if _, err := c.plan(name); err != nil {
			p.bad(err.msg, "tiers", name, err.key)
		}
	}
}

// Plans returns the credit terms of the plans that name a credit, for
// the SLA report.
func (c *Config) Plans() map[string]report.Plan {
	plans := map[string]report.Plan{}
	for name := range c.Tiers {
		if pl, err := c.plan(name); err == nil && !pl.Credit.IsZero() {
			plans[name] = pl
		}
	}
	return plans
}

type planError struct{ key, msg string }

// plan reads one tier's credit terms.
func (c *Config) plan(name string) (report.Plan, *planError) {
	tc := c.Tiers[name]
	var pl report.Plan
	if tc.Fee != nil {
		s, err := amountText(tc.Fee)
		if err == nil {
			pl.Fee, err = report.ParseAmount(s)
		}
		if err != nil {
			return pl, &planError{"fee", err.Error()}
		}
	}
	for _, r := range []struct {
		key string
		v   any
		to  *report.Rate
	}{{"credit", tc.Credit, &pl.Credit}, {"credit_cap", tc.CreditCap, &pl.Cap}} {
		if r.v == nil {
			continue
		}
		s, err := amountText(r.v)
		if err == nil {
			*r.to, err = report.ParseRate(s)
		}
		if err != nil {
			return pl, &planError{r.key, err.Error()}
		}
	}
	if tc.CreditCap != nil && tc.Credit == nil {
		return pl, &planError{"credit_cap", "a cap needs a credit"}
	}
	if err := pl.Check(); err != nil {
		key := "credit"
		if errors.Is(err, report.ErrCurrency) && tc.Fee != nil {
			key = "fee"
		}
		return pl, &planError{key, err.Error()}
	}
	return pl, nil
}

// amountText reads a TOML number or string as the text of an amount.
func amountText(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("%v: want a number or a string like \"500 EUR\" or \"10%%\"", v)
}
