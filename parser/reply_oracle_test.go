package parser

// This file keeps the regular-expression implementation of StripReply that
// the one-pass one replaced, as an oracle: TestStripReplyOracle and
// FuzzStripReply check that both give the same result.

import (
	"regexp"
	"strings"
)

// regexpStripReply returns the new part of a reply: the text above the quoted
// history (attribution lines, Outlook header blocks, "Original Message"
// separators), without `>`-quoted lines and without the signature. It
// handles the shapes of Gmail, Apple Mail, Thunderbird and Outlook in
// English and French. Text that is not a reply comes back trimmed.
func regexpStripReply(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	cut, attribution := regexpHistoryStart(lines)
	if cut >= 0 {
		top := regexpUnquoted(lines[:cut])
		if top != "" || !attribution {
			return top
		}
		// Nothing above a `>`-quoted history: a bottom-posted reply. Keep
		// what is not quoted below the attribution.
		lines = lines[cut+regexpAttributionLen(lines, cut):]
	}
	return regexpUnquoted(lines)
}

// regexpUnquoted joins the lines that are not `>`-quoted, without the signature.
func regexpUnquoted(lines []string) string {
	var kept []string
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), ">") {
			continue
		}
		kept = append(kept, l)
	}
	kept = regexpDropSignature(kept)
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// regexpAttributionLen is the number of lines the attribution at i spans.
func regexpAttributionLen(lines []string, i int) int {
	joined := ""
	for j := i; j < len(lines) && j < i+3; j++ {
		joined = strings.TrimSpace(joined + " " + lines[j])
		if regexpAttributionEnd.MatchString(joined) {
			return j - i + 1
		}
	}
	return 1
}

var (
	// "On Mon, 16 Nov 2026 at 10:02, Jane <j@example.org> wrote:" and
	// "Le lun. 16 nov. 2026 à 10:02, Jean <j@example.fr> a écrit :"; mail
	// clients wrap them over two or three lines.
	regexpAttributionStart = regexp.MustCompile(`(?i)^\s*(on|le|am|el|il|op)\s`)
	regexpAttributionEnd   = regexp.MustCompile(`(?i)(wrote|a [ée]crit|schrieb|escribi[óo]|ha scritto|schreef)\s*:\s*$`)
	// "-----Original Message-----", "-----Message d'origine-----",
	// "-------- Message original --------".
	regexpOriginalSeparator = regexp.MustCompile(`(?i)^\s*-{2,}\s*(original message|message d'origine|message original|mensaje original|urspr[üu]ngliche nachricht)\s*-{2,}\s*$`)
	// Outlook's quoted header block: "From: … Sent: … To: … Subject: …".
	regexpOutlookFrom    = regexp.MustCompile(`(?i)^\s*\*?(from|de|von)\s*\*?\s*:`)
	regexpOutlookHeader  = regexp.MustCompile(`(?i)^\s*\*?(sent|envoy[ée]|date|to|[àa]|cc|subject|objet|gesendet|an|betreff)\s*\*?\s*:`)
	regexpUnderscoreLine = regexp.MustCompile(`^\s*_{10,}\s*$`)
	// A forward is content, not history: nothing after its marker is cut.
	regexpForwardMarker = regexp.MustCompile(`(?i)^\s*(-{2,}\s*(forwarded message|message transf[ée]r[ée]|mensaje reenviado|weitergeleitete nachricht)\s*-*|begin forwarded message:|d[ée]but du message (r[ée]exp[ée]di[ée]|transf[ée]r[ée])\s*:)\s*$`)
	// Bounces quote the returned message after a line like this.
	regexpReturnedMessage = regexp.MustCompile(`(?i)^\s*-*\s*(this is a copy of the message|original message follows|undelivered message attached|below this line is a copy of the message)`)
)

// regexpHistoryStart returns the index of the first line of quoted history, or
// -1, and whether it is an attribution line (whose history is `>`-quoted,
// so that text after it may be a bottom-posted reply).
func regexpHistoryStart(lines []string) (int, bool) {
	for i, l := range lines {
		if regexpForwardMarker.MatchString(l) {
			return -1, false
		}
		if regexpOriginalSeparator.MatchString(l) || regexpReturnedMessage.MatchString(l) {
			return i, false
		}
		if regexpAttributionStart.MatchString(l) || regexpAttributionEnd.MatchString(l) {
			joined := l
			for j := i; j < len(lines) && j < i+3; j++ {
				if j > i {
					joined += " " + lines[j]
				}
				if regexpAttributionEnd.MatchString(strings.TrimSpace(joined)) {
					if regexpAttributionStart.MatchString(l) || regexpQuotedAfter(lines, j) {
						return i, true
					}
					break
				}
			}
		}
		if regexpOutlookFrom.MatchString(l) && regexpOutlookBlock(lines[i+1:]) {
			if i > 0 && regexpUnderscoreLine.MatchString(lines[i-1]) {
				return i - 1, false
			}
			return i, false
		}
	}
	return -1, false
}

// regexpQuotedAfter reports whether a `>`-quoted line follows line j, which makes
// a bare "X wrote:" line an attribution.
func regexpQuotedAfter(lines []string, j int) bool {
	for _, l := range lines[j+1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		return strings.HasPrefix(strings.TrimLeft(l, " \t"), ">")
	}
	return false
}

// regexpOutlookBlock reports whether at least two Outlook header lines follow.
func regexpOutlookBlock(rest []string) bool {
	n := 0
	for i, l := range rest {
		if i >= 6 {
			break
		}
		if regexpOutlookHeader.MatchString(l) {
			n++
		}
	}
	return n >= 2
}

// regexpMobileSignature matches the one-line signatures phones add.
var regexpMobileSignature = regexp.MustCompile(`(?i)^\s*(sent from my |sent from outlook|get outlook for|envoy[ée] (de|depuis) (mon|l'application|outlook))`)

// regexpDropSignature cuts at the RFC 3676 §4.3 separator "-- " (also the common
// "--" without the space) and drops a trailing mobile signature.
func regexpDropSignature(lines []string) []string {
	for i, l := range lines {
		if l == "-- " || l == "--" || l == "-- \r" {
			lines = lines[:i]
			break
		}
	}
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-3; i-- {
		if regexpMobileSignature.MatchString(lines[i]) {
			return lines[:i]
		}
	}
	return lines
}
