package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"ticketgate/parser"
)

func runParse(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "parse", "parse [--json] FILE... (- for standard input)")
	asJSON := fs.Bool("json", false, "print one JSON object per file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{code: 64, err: errors.New("parse: no file given (use - for standard input)")}
	}
	var failed int
	for _, name := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, done, err := openInput(e, name)
		if err == nil {
			var m *parser.Message
			m, err = parser.ParseReaderAt(raw, raw.Size())
			done()
			if err == nil {
				err = printMessage(e.stdout, name, m, *asJSON)
				continue
			}
		}
		failed++
		fmt.Fprintf(e.stderr, "ticketgate: parse %s: %v\n", name, err)
	}
	if failed > 0 {
		return fmt.Errorf("parse: %d of %d input(s) held no message", failed, fs.NArg())
	}
	return nil
}

func printMessage(w io.Writer, name string, m *parser.Message, asJSON bool) error {
	if asJSON {
		b, err := json.Marshal(m)
		if err != nil {
			return fmt.Errorf("encode %s: %w", name, err)
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "== %s\n", name)
	fmt.Fprintf(&b, "Message-ID: %s\n", m.MessageID)
	if m.From != nil {
		fmt.Fprintf(&b, "From:       %s <%s>\n", m.From.Name, m.From.Address)
	}
	fmt.Fprintf(&b, "Subject:    %s\n", m.Subject)
	fmt.Fprintf(&b, "Date:       %s (%s)\n", m.Date.Format("2006-01-02 15:04:05 MST"), m.DateSource)
	fmt.Fprintf(&b, "Kind:       %s (%s)\n", m.Kind, m.KindReason)
	if m.Bounce != nil {
		fmt.Fprintf(&b, "Bounce:     recipient %s, status %s, original %s\n", m.Bounce.Recipient, m.Bounce.Status, m.Bounce.OriginalMessageID)
	}
	if len(m.TicketRefs) > 0 {
		fmt.Fprintf(&b, "Tickets:    %s\n", strings.Join(m.TicketRefs, ", "))
	}
	for _, a := range m.Attachments {
		fmt.Fprintf(&b, "Attachment: %s (%s, %d bytes, sha256 %s)\n", a.Filename, a.ContentType, a.Size, a.SHA256)
	}
	for _, p := range m.Problems {
		fmt.Fprintf(&b, "Problem:    %s\n", p)
	}
	fmt.Fprintf(&b, "\n%s\n", m.Reply)
	_, err := io.WriteString(w, b.String())
	return err
}
