package gateway

import (
	"fmt"
	"strings"

	"ticketgate/templates"
)

// labelIn names a priority for a reader of lang: "P3 moyenne".
func (g *Gateway) labelIn(p Priority, lang string) string {
	if l, ok := g.cfg.Triager.(LanguageLabeler); ok {
		if s, ok := l.LabelIn(p, lang); ok {
			return s
		}
	}
	_, name, _ := strings.Cut(g.label(p), " ")
	return templates.PriorityLabel(int(p), name, lang)
}

// targetText says a stored target ("4 business hours") in lang, as plain
// time when its calendar is open around the clock.
func (g *Gateway) targetText(mailbox, calName, target, lang string) string {
	n, unit, ok := parseTarget(target)
	if !ok {
		return target
	}
	return templates.TargetText(n, unit, !g.calendar(mailbox, calName).AllHours(), lang)
}

// parseTarget reads a target as the triage policy writes it on a ticket:
// "15 business minutes", "1 business hour", "2 business days".
func parseTarget(s string) (int, byte, bool) {
	var n int
	var word, unit string
	if k, err := fmt.Sscanf(s, "%d %s %s", &n, &word, &unit); err != nil || k != 3 || word != "business" || n <= 0 {
		return 0, 0, false
	}
	switch strings.TrimSuffix(unit, "s") {
	case "minute":
		return n, templates.Minutes, true
	case "hour":
		return n, templates.Hours, true
	case "day":
		return n, templates.Days, true
	}
	return 0, 0, false
}
