package triage

import (
	"time"

	"ticketgate/gateway"
)

// clock is one target on one calendar, with the rule that set it.
type clock struct {
	target Target
	cal    string
	rule   string
}

// Due returns the response and resolution due times of a ticket that
// arrives at at, with their calendars and the rule that gave each.
//
// The priority's targets (or its outside-hours ones, for mail that
// arrives while its calendar is closed) meet the plan's: under Stricter
// each clock takes whichever falls due first, a missing target never
// beating a present one; under Replace the plan's targets and calendar
// stand wherever the plan sets them.
func (p *Policy) Due(mailbox string, pr gateway.Priority, tier string, at time.Time) gateway.Deadlines {
	mb := p.mailboxes[mailbox]
	sla := mb.SLA[pr]
	calName := mb.Calendar
	if sla.Calendar != "" {
		calName = sla.Calendar
	}
	t := p.tier(tier)
	rule := "priority " + pr.String()
	resp := clock{sla.Response, calName, rule}
	res := clock{sla.Resolution, calName, rule}
	replaceCal := t != nil && t.Combine == Replace && t.Calendar != ""
	if replaceCal {
		resp.cal, res.cal = t.Calendar, t.Calendar
	}
	if cal := p.calendars[calName]; cal != nil && !cal.IsOpen(at) && !replaceCal {
		outName := calName
		if sla.OutsideCalendar != "" {
			outName = sla.OutsideCalendar
		}
		if !sla.ResponseOutside.IsZero() {
			resp = clock{sla.ResponseOutside, outName, rule + " outside hours"}
		}
		if !sla.ResolutionOutside.IsZero() {
			res = clock{sla.ResolutionOutside, outName, rule + " outside hours"}
		}
	}
	if t != nil {
		planCal := calName
		if t.Calendar != "" {
			planCal = t.Calendar
		}
		plan := "plan " + t.Name
		// A plan's calendar without targets of its own offers the
		// priority's targets on that calendar (a plan answered round
		// the clock).
		pResp, pRes := t.Response, t.Resolution
		if t.Calendar != "" && pResp.IsZero() {
			pResp = sla.Response
		}
		if t.Calendar != "" && pRes.IsZero() {
			pRes = sla.Resolution
		}
		resp = p.combine(t.Combine, resp, clock{pResp, planCal, plan}, at)
		res = p.combine(t.Combine, res, clock{pRes, planCal, plan}, at)
	}
	var d gateway.Deadlines
	if v, ok := p.due(resp, at); ok {
		d.ResponseDue, d.ResponseCalendar, d.ResponseTarget, d.ResponseRule = &v, resp.cal, resp.target.String(), resp.rule
	}
	if v, ok := p.due(res, at); ok {
		d.ResolutionDue, d.ResolutionCalendar, d.ResolutionTarget, d.ResolutionRule = &v, res.cal, res.target.String(), res.rule
	}
	return d
}

// combine gives the clock of a priority's target c and a plan's target
// plan. A plan without this target leaves the priority's.
func (p *Policy) combine(how Combine, c, plan clock, at time.Time) clock {
	if plan.target.IsZero() {
		return c
	}
	if how == Replace {
		return plan
	}
	a, ok := p.due(c, at)
	if !ok {
		return plan
	}
	if b, _ := p.due(plan, at); b.Before(a) {
		return plan
	}
	return c // on a tie the priority's rule is named
}

// due applies a clock's target from at; false without a target or a
// known calendar.
func (p *Policy) due(c clock, at time.Time) (time.Time, bool) {
	cal := p.calendars[c.cal]
	if c.target.IsZero() || cal == nil {
		return time.Time{}, false
	}
	return c.target.add(cal, at), true
}

func (p *Policy) tier(name string) *Tier {
	for i := range p.tiers {
		if p.tiers[i].Name == name {
			return &p.tiers[i]
		}
	}
	return nil
}

// Inversion looks for an arrival at which a ticket of this mailbox,
// priority and plan would be due for resolution before its first
// response, and returns the first it finds. It tries three instants a
// day (night, late morning, the last half hour of most working days) over
// the week of Christmas 2026 in the mailbox's zone: a weekend, a holiday
// in every country we know, and the closed hours that bring in the
// outside-hours targets. A plan with no targets of its own is the
// priority alone and is not tried again.
func (p *Policy) Inversion(mailbox string, pr gateway.Priority, tier string) (time.Time, gateway.Deadlines, bool) {
	if t := p.tier(tier); tier != "" && (t == nil || t.Response.IsZero() && t.Resolution.IsZero()) {
		return time.Time{}, gateway.Deadlines{}, false
	}
	s := p.mailboxes[mailbox].SLA[pr]
	if t := p.tier(tier); (s.Resolution.IsZero() && s.ResolutionOutside.IsZero()) && (t == nil || t.Resolution.IsZero()) {
		return time.Time{}, gateway.Deadlines{}, false
	}
	loc := p.Location(mailbox)
	for day := 21; day < 28; day++ {
		for _, hm := range [][2]int{{3, 0}, {11, 0}, {17, 30}} {
			at := time.Date(2026, 12, day, hm[0], hm[1], 0, 0, loc)
			d := p.Due(mailbox, pr, tier, at)
			if d.ResponseDue != nil && d.ResolutionDue != nil && d.ResolutionDue.Before(*d.ResponseDue) {
				return at, d, true
			}
		}
	}
	return time.Time{}, gateway.Deadlines{}, false
}

// Progress returns when the customer of a ticket last told something at
// from must hear from us again: the priority's update target, on its
// calendar.
func (p *Policy) Progress(mailbox string, pr gateway.Priority, from time.Time) (time.Time, string, string, bool) {
	mb := p.mailboxes[mailbox]
	sla := mb.SLA[pr]
	calName := mb.Calendar
	if sla.Calendar != "" {
		calName = sla.Calendar
	}
	v, ok := p.due(clock{sla.Update, calName, ""}, from)
	if !ok {
		return time.Time{}, "", "", false
	}
	return v, sla.Update.String(), calName, true
}
