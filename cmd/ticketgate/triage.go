package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"ticketgate/gateway/triage"
	"ticketgate/gateway/triage/classify"
	"ticketgate/gateway/triage/eval"
	"ticketgate/parser"
)

const triageUsage = `usage: ticketgate triage eval [--json] [--config FILE] [--mailbox M] PATH
       ticketgate triage explain [--json] [--config FILE] [--mailbox M] FILE|-
       ticketgate triage report [--config FILE] [--since DATE] [--json]
       ticketgate triage export [--config FILE] [--since DATE] DIR

eval classifies every .eml of PATH and compares with its labels*.tsv
(file<TAB>P2|P3<TAB>note); explain shows the level and every piece of
evidence for one mail. Without --config, mail is read as a fresh
installation's support mailbox would read it. report compares triage's
choices with the priorities agents set since DATE (default 30 days);
export writes those tickets as labelled cases for the corpus.`

func runTriage(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.usageOut(args), triageUsage)
		if len(args) == 0 {
			return &exitError{code: exUsage, err: errors.New("triage: no subcommand (eval, explain, report, export)")}
		}
		return nil
	}
	switch args[0] {
	case "eval":
		return triageEval(ctx, e, args[1:])
	case "explain":
		return triageExplain(e, args[1:])
	case "report":
		return triageReport(ctx, e, args[1:])
	case "export":
		return triageExport(ctx, e, args[1:])
	}
	return &exitError{code: exUsage, err: fmt.Errorf("triage: unknown subcommand %q (eval, explain, report, export)", args[0])}
}

// triagePolicy is the configured policy with --config, else the default
// one; mailbox must exist in it.
func triagePolicy(e *env, configPath, mailbox string) (*triage.Policy, error) {
	var p *triage.Policy
	if configPath == "" {
		var err error
		if p, err = triage.DefaultPolicy(); err != nil {
			return nil, err
		}
	} else {
		cfg, err := loadConfig(e, configPath)
		if err != nil {
			return nil, err
		}
		p = cfg.Policy
	}
	if !p.HasMailbox(mailbox) {
		return nil, &exitError{code: exUsage, err: fmt.Errorf("triage: unknown mailbox %q", mailbox)}
	}
	return p, nil
}

// triageArgs reads the flags eval and explain share and their one
// argument, and returns the policy to classify with and the mailbox.
func triageArgs(e *env, sub, arg, missing string, args []string) (p *triage.Policy, mailbox, value string, asJSON bool, err error) {
	name := "triage " + sub
	fs := newFlags(e, name, name+" [--json] [--config FILE] [--mailbox M] "+arg)
	jsonFlag := fs.Bool("json", false, "print one JSON object")
	configPath := fs.String("config", "", "configuration file (default: a fresh installation's policy)")
	mb := fs.String("mailbox", "support", "mailbox the mail arrives in")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return nil, "", "", false, err
	}
	if len(pos) != 1 {
		fs.Usage()
		return nil, "", "", false, &exitError{code: exUsage, err: errors.New(name + ": " + missing)}
	}
	if p, err = triagePolicy(e, *configPath, *mb); err != nil {
		return nil, "", "", false, err
	}
	return p, *mb, pos[0], *jsonFlag, nil
}

func triageEval(ctx context.Context, e *env, args []string) error {
	p, mailbox, dir, asJSON, err := triageArgs(e, "eval", "PATH", "give one directory", args)
	if err != nil {
		return err
	}
	cases, err := eval.Load(dir)
	if err != nil {
		return &exitError{code: exDataErr, err: fmt.Errorf("triage eval: %w", err)}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	rep := eval.Run(cases, func(m *parser.Message) (int, string) {
		d := p.Triage(mailbox, m)
		return int(d.Priority), d.Reason
	})
	if asJSON {
		b, err := json.Marshal(rep)
		if err != nil {
			return fmt.Errorf("encode report: %w", err)
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	}
	return rep.WriteText(e.stdout)
}

type evidenceJSON struct {
	Kind    string `json:"kind"`
	Concept string `json:"concept"`
	Text    string `json:"text"`
	Where   string `json:"where"`
	Used    bool   `json:"used"`
	Ignored string `json:"ignored,omitempty"`
}

type explainJSON struct {
	Priority string         `json:"priority"`
	Label    string         `json:"label"`
	Reason   string         `json:"reason"`
	Evidence []evidenceJSON `json:"evidence"`
}

func triageExplain(e *env, args []string) error {
	p, mailbox, file, asJSON, err := triageArgs(e, "explain", "FILE|-", "give one file (- for standard input)", args)
	if err != nil {
		return err
	}
	raw, done, err := openInput(e, file)
	if err != nil {
		return &exitError{code: exNoInputTriage, err: fmt.Errorf("triage explain: %w", err)}
	}
	m, err := parser.ParseReaderAt(raw, raw.Size())
	done()
	if err != nil {
		return &exitError{code: exDataErr, err: fmt.Errorf("triage explain %s: %w", file, err)}
	}
	d := p.Triage(mailbox, m)
	res := p.Classify(m)
	out := explainJSON{Priority: d.Priority.String(), Label: p.Label(d.Priority), Reason: d.Reason}
	for _, ev := range res.Evidence {
		out.Evidence = append(out.Evidence, evidenceJSON{Kind: ev.Kind().String(), Concept: ev.Concept.String(),
			Text: ev.Text, Where: ev.Where, Used: ev.Used, Ignored: ev.Ignored})
	}
	if asJSON {
		b, err := json.Marshal(out)
		if err != nil {
			return fmt.Errorf("encode explanation: %w", err)
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	}
	return writeExplain(e.stdout, out, res)
}

func writeExplain(w io.Writer, out explainJSON, res classify.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "priority   %s, because %s\n", out.Label, out.Reason)
	fmt.Fprintf(&b, "classifier %s\n", res.Reason)
	if len(out.Evidence) == 0 {
		b.WriteString("evidence   none\n")
	}
	for i, ev := range out.Evidence {
		head := "          "
		if i == 0 {
			head = "evidence  "
		}
		mark := " "
		switch {
		case ev.Used:
			mark = "*"
		case ev.Ignored != "":
			mark = "-"
		}
		fmt.Fprintf(&b, "%s %s %-11s %-24s %q in %s", head, mark, ev.Kind, ev.Concept, ev.Text, ev.Where)
		if ev.Ignored != "" {
			fmt.Fprintf(&b, " (%s)", ev.Ignored)
		}
		b.WriteByte('\n')
	}
	b.WriteString("(* decided or moved the level, - set aside)\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// exNoInputTriage is sysexits' EX_NOINPUT: the mail to explain cannot be
// opened.
const exNoInputTriage = 66
