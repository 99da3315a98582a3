package triage_test

import (
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/triage"
)

// plansPolicy is one Paris desk (09:00–18:00, French holidays) with the
// default targets, P1 answered within 30 minutes round the clock outside
// hours, and four plans: gold (6 h / 2 days, stricter), gold24 (2 h round
// the clock), contract (12 h / 3 days replacing the priority's) and free
// (nothing of its own).
func plansPolicy(t *testing.T) *triage.Policy {
	sla := map[gateway.Priority]triage.SLA{
		1: {Response: target(t, "1h"), Resolution: target(t, "4h"), ResponseOutside: target(t, "30m"), OutsideCalendar: "always"},
		2: {Response: target(t, "2h"), Resolution: target(t, "1d")},
		3: {Response: target(t, "4h"), Resolution: target(t, "2d")},
		4: {Response: target(t, "1d"), Resolution: target(t, "5d")},
		5: {Response: target(t, "2d")},
	}
	tiers := []triage.Tier{
		{Name: "gold", Senders: []string{"@gold.example"}, Response: target(t, "6h"), Resolution: target(t, "2d")},
		{Name: "gold24", Senders: []string{"@g24.example"}, Response: target(t, "2h"), Calendar: "always"},
		{Name: "contract", Senders: []string{"@contract.example"}, Response: target(t, "12h"), Resolution: target(t, "3d"), Combine: triage.Replace},
		{Name: "free", Senders: []string{"@free.example"}},
	}
	return mustPolicy(t, nil, tiers, map[string]triage.Mailbox{"support": {Priority: 3, Calendar: "paris", SLA: sla}})
}

// Every due time below was counted by hand on the 2026 Paris calendar.
func TestDuePlansAndPriorities(t *testing.T) {
	p := plansPolicy(t)
	for _, c := range []struct {
		name, tier, at  string
		prio            gateway.Priority
		resp, respRule  string
		res, resRule    string
		respCal, resCal string
	}{
		{"no plan", "", "2026-11-23 10:00", 1, "2026-11-23 11:00", "priority P1", "2026-11-23 14:00", "priority P1", "paris", "paris"},
		{"gold P1 keeps the priority's hour", "gold", "2026-11-23 10:00", 1, "2026-11-23 11:00", "priority P1", "2026-11-23 14:00", "priority P1", "paris", "paris"},
		{"gold P4: the plan is stricter on both", "gold", "2026-11-23 10:00", 4, "2026-11-23 16:00", "plan gold", "2026-11-25 10:00", "plan gold", "paris", "paris"},
		{"gold P5 Friday 16:55: 1h05 then 4h55 on Monday; the plan adds a resolution", "gold", "2026-11-20 16:55", 5, "2026-11-23 13:55", "plan gold", "2026-11-24 16:55", "plan gold", "paris", "paris"},
		{"gold P3: equal resolutions name the priority", "gold", "2026-11-20 16:55", 3, "2026-11-23 11:55", "priority P3", "2026-11-24 16:55", "priority P3", "paris", "paris"},
		{"gold P4 on Armistice Day counts from Thursday's opening", "gold", "2026-11-11 10:00", 4, "2026-11-12 15:00", "plan gold", "2026-11-16 09:00", "plan gold", "paris", "paris"},
		{"gold24 P3 Friday 16:55: two hours round the clock, P3's two days too", "gold24", "2026-11-20 16:55", 3, "2026-11-20 18:55", "plan gold24", "2026-11-22 16:55", "plan gold24", "always", "always"},
		{"contract P1 replaces the hour with 12 business hours", "contract", "2026-11-23 10:00", 1, "2026-11-24 13:00", "plan contract", "2026-11-26 10:00", "plan contract", "paris", "paris"},
		{"contract P5 gets a resolution target", "contract", "2026-11-23 10:00", 5, "2026-11-24 13:00", "plan contract", "2026-11-26 10:00", "plan contract", "paris", "paris"},
		{"free P1 is the priority's", "free", "2026-11-23 10:00", 1, "2026-11-23 11:00", "priority P1", "2026-11-23 14:00", "priority P1", "paris", "paris"},
		{"free P5 has no resolution", "free", "2026-11-23 10:00", 5, "2026-11-25 10:00", "priority P5", "", "", "paris", ""},
		{"P1 on Saturday: 30 minutes outside hours", "", "2026-11-21 10:00", 1, "2026-11-21 10:30", "priority P1 outside hours", "2026-11-23 13:00", "priority P1", "always", "paris"},
		{"gold P1 on Saturday: outside hours beats gold's six", "gold", "2026-11-21 10:00", 1, "2026-11-21 10:30", "priority P1 outside hours", "2026-11-23 13:00", "priority P1", "always", "paris"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := p.Due("support", c.prio, c.tier, parisTime(t, c.at))
			check := func(what string, due *time.Time, cal, rule, want, wantRule, wantCal string) {
				t.Helper()
				if want == "" {
					if due != nil {
						t.Errorf("%s due %s, want none", what, due)
					}
					return
				}
				if due == nil || !due.Equal(parisTime(t, want)) || rule != wantRule || cal != wantCal {
					t.Errorf("%s due %v by %q on %s, want %s by %q on %s", what, due, rule, cal, want, wantRule, wantCal)
				}
			}
			check("response", d.ResponseDue, d.ResponseCalendar, d.ResponseRule, c.resp, c.respRule, c.respCal)
			check("resolution", d.ResolutionDue, d.ResolutionCalendar, d.ResolutionRule, c.res, c.resRule, c.resCal)
		})
	}
}

func TestInversion(t *testing.T) {
	sla := map[gateway.Priority]triage.SLA{
		1: {Response: target(t, "1h"), Resolution: target(t, "4h")},
		2: {Response: target(t, "1d"), Resolution: target(t, "4h")}, // 9 business hours against 4
		3: {Response: target(t, "9h"), Resolution: target(t, "1d")}, // equal on a 9-hour day: fine
		4: {Response: target(t, "1d"), Resolution: target(t, "5d")},
	}
	tiers := []triage.Tier{
		{Name: "slow", Senders: []string{"@slow.example"}, Response: target(t, "1w"), Combine: triage.Replace},
		{Name: "quickfix", Senders: []string{"@q.example"}, Resolution: target(t, "2h")},
		{Name: "gold", Senders: []string{"@gold.example"}, Response: target(t, "6h")},
	}
	p := mustPolicy(t, nil, tiers, map[string]triage.Mailbox{"support": {Priority: 3, Calendar: "paris", SLA: sla}})
	for _, c := range []struct {
		prio gateway.Priority
		tier string
		want bool
	}{
		{1, "", false}, {2, "", true}, {3, "", false}, {4, "", false},
		{1, "slow", true},      // a week to answer, four hours to resolve
		{4, "quickfix", true},  // resolved in 2 h, answered within a day
		{1, "quickfix", false}, // 1 h then 2 h
		{4, "gold", false},     // a stricter response never inverts
		{3, "gold", false},
	} {
		at, d, bad := p.Inversion("support", c.prio, c.tier)
		if bad != c.want {
			t.Errorf("%s %q: inverted %v (at %s: %v), want %v", c.prio, c.tier, bad, at, d, c.want)
		}
		if bad && !d.ResolutionDue.Before(*d.ResponseDue) {
			t.Errorf("%s %q: the example at %s is not inverted: %v", c.prio, c.tier, at, d)
		}
	}
}
