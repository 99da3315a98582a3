package report

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Credits, as a support manager writes them in a plan:
//
//	fee = "500 EUR"        what the customer pays for the plan each month
//	credit = "10%"         owed per missed ticket: a share of the fee…
//	credit = "50 EUR"      …or an amount
//	credit_cap = "50%"     at most this much a month: a share of the fee or an amount
//
// A ticket counts once however many of its targets it missed. The credit
// is owed per customer (the mail domain of the ticket's sender) and plan,
// for the tickets opened in the month.

// Amount is money in hundredths of its currency.
type Amount struct {
	Cents    int64
	Currency string // "EUR"; "" when the plan names none
}

func (a Amount) String() string {
	s := fmt.Sprintf("%d.%02d", a.Cents/100, a.Cents%100)
	if a.Currency != "" {
		s += " " + a.Currency
	}
	return s
}

// Rate is a share of the fee (Percent, in hundredths of a percent) or an
// amount.
type Rate struct {
	Basis  int64 // 1000 is 10%; 0 for an amount
	Amount Amount
	set    bool
}

// IsZero reports a rate not given.
func (r Rate) IsZero() bool { return !r.set }

func (r Rate) String() string {
	switch {
	case !r.set:
		return ""
	case r.Basis != 0:
		return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%d.%02d", r.Basis/100, r.Basis%100), "00"), ".") + "%"
	}
	return r.Amount.String()
}

// of is the rate applied to fee.
func (r Rate) of(fee Amount) Amount {
	if r.Basis == 0 {
		return r.Amount
	}
	// Rounded to the nearest hundredth, halves up.
	return Amount{Cents: (fee.Cents*r.Basis + 5000) / 10000, Currency: fee.Currency}
}

// Plan is what a tier's misses cost.
type Plan struct {
	Fee    Amount // zero when the plan names no fee
	Credit Rate
	Cap    Rate // zero: no cap
}

// Errors of credit terms.
var (
	ErrAmount   = errors.New("want an amount like 500, 49.90 or \"500 EUR\"")
	ErrRate     = errors.New("want a share like \"10%\" or an amount like \"50 EUR\"")
	ErrNeedsFee = errors.New("a share of the fee needs the plan's fee")
	ErrCurrency = errors.New("the plan's amounts must be in one currency")
)

// ParseAmount reads "500", "49.90", "500 EUR" or "EUR 500".
func ParseAmount(s string) (Amount, error) {
	f := strings.Fields(s)
	var num, cur string
	switch len(f) {
	case 1:
		num = f[0]
	case 2:
		num, cur = f[0], f[1]
		if isCurrency(num) {
			num, cur = cur, num
		}
		if !isCurrency(cur) {
			return Amount{}, fmt.Errorf("%q: %w", s, ErrAmount)
		}
	default:
		return Amount{}, fmt.Errorf("%q: %w", s, ErrAmount)
	}
	cents, ok := hundredths(num)
	if !ok {
		return Amount{}, fmt.Errorf("%q: %w", s, ErrAmount)
	}
	return Amount{Cents: cents, Currency: cur}, nil
}

// ParseRate reads "10%", "12.5%" or an amount.
func ParseRate(s string) (Rate, error) {
	t := strings.TrimSpace(s)
	if p, ok := strings.CutSuffix(t, "%"); ok {
		b, ok := hundredths(strings.TrimSpace(p))
		if !ok || b > 10000 {
			return Rate{}, fmt.Errorf("%q: %w (at most 100%%)", s, ErrRate)
		}
		if b == 0 {
			return Rate{set: true}, nil
		}
		return Rate{Basis: b, set: true}, nil
	}
	a, err := ParseAmount(t)
	if err != nil {
		return Rate{}, fmt.Errorf("%q: %w", s, ErrRate)
	}
	return Rate{Amount: a, set: true}, nil
}

// Check tells whether the plan's terms fit together.
func (p Plan) Check() error {
	for _, r := range []Rate{p.Credit, p.Cap} {
		if r.Basis != 0 && p.Fee.Cents == 0 {
			return ErrNeedsFee
		}
	}
	cur := map[string]bool{}
	if p.Fee.Cents != 0 {
		cur[p.Fee.Currency] = true
	}
	for _, r := range []Rate{p.Credit, p.Cap} {
		if r.set && r.Basis == 0 {
			cur[r.Amount.Currency] = true
		}
	}
	if len(cur) > 1 {
		return ErrCurrency
	}
	return nil
}

func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// hundredths reads a non-negative decimal with at most two decimals.
func hundredths(s string) (int64, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || strings.ContainsAny(whole+frac, "+-") {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e12 {
		return 0, false
	}
	var f int64
	if frac != "" {
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return 0, false
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	return w*100 + f, true
}

// Credit is what one customer is owed under one plan for the month.
type Credit struct {
	Customer, Tier string
	MissedTickets  int
	PerTicket      Amount
	// Total is MissedTickets × PerTicket, at most the cap; Capped says
	// the cap applied.
	Total  Amount
	Capped bool
}

type creditKey struct{ customer, tier string }

func credits(missed map[creditKey]int, plans map[string]Plan) []Credit {
	var out []Credit
	for k, n := range missed {
		p, ok := plans[k.tier]
		if !ok || p.Credit.IsZero() {
			continue
		}
		per := p.Credit.of(p.Fee)
		c := Credit{Customer: k.customer, Tier: k.tier, MissedTickets: n, PerTicket: per,
			Total: Amount{Cents: per.Cents * int64(n), Currency: per.Currency}}
		if !p.Cap.IsZero() {
			if cp := p.Cap.of(p.Fee); c.Total.Cents > cp.Cents {
				c.Total.Cents, c.Capped = cp.Cents, true
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Customer != out[j].Customer {
			return out[i].Customer < out[j].Customer
		}
		return out[i].Tier < out[j].Tier
	})
	return out
}
