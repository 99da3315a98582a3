package templates_test

import (
	"strings"
	"testing"

	"ticketgate/templates"
)

// BenchmarkRender fills the two mails of a new ticket, compiled once, the
// way ingest does: the acknowledgement and the agents' notice quoting a
// 3 KB message.
//
//	go test -run '^$' -bench Render ./templates/
func BenchmarkRender(b *testing.B) {
	for _, name := range []string{templates.Ack, templates.AgentNewTicket} {
		b.Run(name, func(b *testing.B) {
			d, err := templates.Default(name, "en")
			if err != nil {
				b.Fatal(err)
			}
			c, err := templates.Compile(d)
			if err != nil {
				b.Fatal(err)
			}
			data := templates.Sample(name, "en", true)
			data.Message = strings.Repeat("The till does not close the day & the report is empty.\n", 55)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Render(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
