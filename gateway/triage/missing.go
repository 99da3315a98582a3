package triage

import "ticketgate/parser"

// StillMissing returns which of the details a ticket still lacked
// (labels, as Triage gave them) m does not supply either: a customer who
// answers with the serial number has sent it.
func (p *Policy) StillMissing(mailbox string, lacking []string, m *parser.Message) []string {
	if len(lacking) == 0 || m == nil {
		return lacking
	}
	var reqs []Requirement
	for _, r := range p.mailboxes[mailbox].Require {
		for _, l := range lacking {
			if r.Label == l {
				reqs = append(reqs, r)
			}
		}
	}
	still := map[string]bool{}
	for _, l := range missing(reqs, m) {
		still[l] = true
	}
	var out []string
	for _, l := range lacking {
		// A label the mailbox no longer requires stays until a person
		// clears it.
		known := false
		for _, r := range reqs {
			known = known || r.Label == l
		}
		if still[l] || !known {
			out = append(out, l)
		}
	}
	return out
}
