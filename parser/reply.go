package parser

import (
	"regexp"
	"strings"
)

// StripReply returns the new part of a reply: the text above the quoted
// history (attribution lines, Outlook header blocks, "Original Message"
// separators), without `>`-quoted lines and without the signature. It
// handles the shapes of Gmail, Apple Mail, Thunderbird and Outlook in
// English and French. Text that is not a reply comes back trimmed.
func StripReply(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	cut, attribution := historyStart(lines)
	if cut >= 0 {
		top := unquoted(lines[:cut])
		if top != "" || !attribution {
			return top
		}
		// Nothing above a `>`-quoted history: a bottom-posted reply. Keep
		// what is not quoted below the attribution.
		lines = lines[cut+attributionLen(lines, cut):]
	}
	return unquoted(lines)
}

// unquoted joins the lines that are not `>`-quoted, without the signature.
func unquoted(lines []string) string {
	var kept []string
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), ">") {
			continue
		}
		kept = append(kept, l)
	}
	kept = dropSignature(kept)
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// attributionLen is the number of lines the attribution at i spans.
func attributionLen(lines []string, i int) int {
	joined := ""
	for j := i; j < len(lines) && j < i+3; j++ {
		joined = strings.TrimSpace(joined + " " + lines[j])
		if attributionEnd.MatchString(joined) {
			return j - i + 1
		}
	}
	return 1
}

var (
	// "On Mon, 16 Nov 2026 at 10:02, Jane <j@example.org> wrote:" and
	// "Le lun. 16 nov. 2026 à 10:02, Jean <j@example.fr> a écrit :"; mail
	// clients wrap them over two or three lines.
	attributionStart = regexp.MustCompile(`(?i)^\s*(on|le|am|el|il|op)\s`)
	attributionEnd   = regexp.MustCompile(`(?i)(wrote|a [ée]crit|schrieb|escribi[óo]|ha scritto|schreef)\s*:\s*$`)
	// "-----Original Message-----", "-----Message d'origine-----",
	// "-------- Message original --------".
	originalSeparator = regexp.MustCompile(`(?i)^\s*-{2,}\s*(original message|message d'origine|message original|mensaje original|urspr[üu]ngliche nachricht)\s*-{2,}\s*$`)
	// Outlook's quoted header block: "From: … Sent: … To: … Subject: …".
	outlookFrom    = regexp.MustCompile(`(?i)^\s*\*?(from|de|von)\s*\*?\s*:`)
	outlookHeader  = regexp.MustCompile(`(?i)^\s*\*?(sent|envoy[ée]|date|to|[àa]|cc|subject|objet|gesendet|an|betreff)\s*\*?\s*:`)
	underscoreLine = regexp.MustCompile(`^\s*_{10,}\s*$`)
	// A forward is content, not history: nothing after its marker is cut.
	forwardMarker = regexp.MustCompile(`(?i)^\s*(-{2,}\s*(forwarded message|message transf[ée]r[ée]|mensaje reenviado|weitergeleitete nachricht)\s*-*|begin forwarded message:|d[ée]but du message (r[ée]exp[ée]di[ée]|transf[ée]r[ée])\s*:)\s*$`)
	// Bounces quote the returned message after a line like this.
	returnedMessage = regexp.MustCompile(`(?i)^\s*-*\s*(this is a copy of the message|original message follows|undelivered message attached|below this line is a copy of the message)`)
)

// historyStart returns the index of the first line of quoted history, or
// -1, and whether it is an attribution line (whose history is `>`-quoted,
// so that text after it may be a bottom-posted reply).
func historyStart(lines []string) (int, bool) {
	for i, l := range lines {
		if forwardMarker.MatchString(l) {
			return -1, false
		}
		if originalSeparator.MatchString(l) || returnedMessage.MatchString(l) {
			return i, false
		}
		if attributionStart.MatchString(l) || attributionEnd.MatchString(l) {
			joined := l
			for j := i; j < len(lines) && j < i+3; j++ {
				if j > i {
					joined += " " + lines[j]
				}
				if attributionEnd.MatchString(strings.TrimSpace(joined)) {
					if attributionStart.MatchString(l) || quotedAfter(lines, j) {
						return i, true
					}
					break
				}
			}
		}
		if outlookFrom.MatchString(l) && outlookBlock(lines[i+1:]) {
			if i > 0 && underscoreLine.MatchString(lines[i-1]) {
				return i - 1, false
			}
			return i, false
		}
	}
	return -1, false
}

// quotedAfter reports whether a `>`-quoted line follows line j, which makes
// a bare "X wrote:" line an attribution.
func quotedAfter(lines []string, j int) bool {
	for _, l := range lines[j+1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		return strings.HasPrefix(strings.TrimLeft(l, " \t"), ">")
	}
	return false
}

// outlookBlock reports whether at least two Outlook header lines follow.
func outlookBlock(rest []string) bool {
	n := 0
	for i, l := range rest {
		if i >= 6 {
			break
		}
		if outlookHeader.MatchString(l) {
			n++
		}
	}
	return n >= 2
}

// mobileSignature matches the one-line signatures phones add.
var mobileSignature = regexp.MustCompile(`(?i)^\s*(sent from my |sent from outlook|get outlook for|envoy[ée] (de|depuis) (mon|l'application|outlook))`)

// dropSignature cuts at the RFC 3676 §4.3 separator "-- " (also the common
// "--" without the space) and drops a trailing mobile signature.
func dropSignature(lines []string) []string {
	for i, l := range lines {
		if l == "-- " || l == "--" || l == "-- \r" {
			lines = lines[:i]
			break
		}
	}
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-3; i-- {
		if mobileSignature.MatchString(lines[i]) {
			return lines[:i]
		}
	}
	return lines
}
