package gateway

import (
	"fmt"
	"strings"
	"unicode"
)

// Verb is what a command line asks for.
type Verb string

// Command verbs. Confirm is the customer's; the others are the agents'.
const (
	VerbResolve  Verb = "resolve"
	VerbClose    Verb = "close"
	VerbNote     Verb = "note"
	VerbPriority Verb = "priority"
	VerbAssign   Verb = "assign"
	VerbReopen   Verb = "reopen"
	VerbWait     Verb = "wait"
	VerbConfirm  Verb = "confirm"
	VerbEscalate Verb = "escalate"
)

// verbs maps every spelling, English and French, accents folded, to its
// verb.
var verbs = map[string]Verb{
	"resolve": VerbResolve, "resolved": VerbResolve, "resolu": VerbResolve, "resolue": VerbResolve, "resoudre": VerbResolve,
	"close": VerbClose, "closed": VerbClose, "fermer": VerbClose, "ferme": VerbClose, "clore": VerbClose, "clos": VerbClose,
	"note":     VerbNote,
	"priority": VerbPriority, "priorite": VerbPriority, "prio": VerbPriority,
	"assign": VerbAssign, "assigner": VerbAssign, "attribuer": VerbAssign,
	"reopen": VerbReopen, "rouvrir": VerbReopen, "reouvrir": VerbReopen,
	"wait": VerbWait, "attente": VerbWait, "attendre": VerbWait,
	"confirm": VerbConfirm, "confirme": VerbConfirm, "confirmer": VerbConfirm,
	"escalate": VerbEscalate, "escalade": VerbEscalate, "escalader": VerbEscalate,
}

// Command is one command line.
type Command struct {
	Verb Verb
	Arg  string // the priority, the assignee, the note
	Line string // as written
}

// statusVerbs change the ticket's status: a mail may hold one at most.
var statusVerbs = map[Verb]bool{VerbResolve: true, VerbClose: true, VerbReopen: true, VerbWait: true}

// ParseCommands reads the command lines at the top of text: lines that
// start with '#' and a letter, before anything else but blank lines. It
// returns the commands and the text that follows them. A line that looks
// like a command but is not one is an error, so that a typo never reaches
// the customer as text.
func ParseCommands(text string) ([]Command, string, error) {
	var cmds []Command
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	i := 0
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			continue
		}
		rs := []rune(line)
		if rs[0] != '#' || len(rs) < 2 || !unicode.IsLetter(rs[1]) {
			break
		}
		word, arg, _ := strings.Cut(line[1:], " ")
		arg = strings.TrimSpace(arg)
		v, ok := verbs[Fold(word)]
		if !ok {
			return nil, "", fmt.Errorf("line %d: unknown command %q", i+1, "#"+word)
		}
		c := Command{Verb: v, Arg: arg, Line: line}
		switch v {
		case VerbPriority:
			p, err := ParsePriority(arg)
			if err != nil {
				return nil, "", fmt.Errorf("line %d: %s: %v", i+1, line, err)
			}
			c.Arg = p.String()
		case VerbAssign:
			if arg == "" {
				return nil, "", fmt.Errorf("line %d: %s needs a name", i+1, line)
			}
		case VerbNote, VerbEscalate: // the note is optional for #escalate
		default:
			if arg != "" {
				return nil, "", fmt.Errorf("line %d: %q takes no argument", i+1, line)
			}
		}
		cmds = append(cmds, c)
	}
	var status []string
	for _, c := range cmds {
		if statusVerbs[c.Verb] {
			status = append(status, c.Line)
		}
	}
	if len(status) > 1 {
		return nil, "", fmt.Errorf("%s contradict each other: use one", strings.Join(status, " and "))
	}
	return cmds, strings.TrimSpace(strings.Join(lines[i:], "\n")), nil
}
