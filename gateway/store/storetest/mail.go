package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
)

func shaOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func stringsReader(s string) io.ReaderAt { return strings.NewReader(s) }

func itoa(n int) string { return strconv.Itoa(n) }

func refNumber(ref string) int64 {
	n, _ := strconv.ParseInt(ref[strings.LastIndex(ref, "-")+1:], 10, 64)
	return n
}

// PutRaw stores a message once per SHA-256 and gives its row again for a
// repeat; another content gets another row.
func testPutRawOnce(t *testing.T, e *env) {
	a := "From: jane@customer.example\r\n\r\nfirst"
	b := "From: jane@customer.example\r\n\r\nsecond"
	var ids [3]int64
	e.update(func(tx gateway.Tx) error {
		for i, c := range []string{a, b, a} {
			id, err := tx.PutRaw(e.ctx, shaOf([]byte(c)), stringsReader(c), int64(len(c)), base)
			if err != nil {
				return err
			}
			ids[i] = id
		}
		return nil
	})
	again, _ := e.raw(a) // a later transaction
	if ids[0] <= 0 || ids[0] == ids[1] || ids[2] != ids[0] || again != ids[0] {
		t.Errorf("raw rows %v then %d: want one row per content, the same for a repeat", ids, again)
	}
	e.view(func(tx gateway.ReadTx) error {
		var buf bytes.Buffer
		if err := tx.CopyRaw(e.ctx, ids[1], &buf); err != nil || buf.String() != b {
			t.Errorf("second raw reads %q, %v", buf.String(), err)
		}
		notFound(t, "CopyRaw of an unknown row", tx.CopyRaw(e.ctx, ids[1]+1000, io.Discard))
		return nil
	})
}

// readAtRecorder notes the largest single read PutRaw makes.
type readAtRecorder struct {
	r   io.ReaderAt
	max int
}

func (r *readAtRecorder) ReadAt(p []byte, off int64) (int, error) {
	r.max = max(r.max, len(p))
	return r.r.ReadAt(p, off)
}

// writeRecorder notes the largest single write CopyRaw makes.
type writeRecorder struct {
	bytes.Buffer
	max int
}

func (w *writeRecorder) Write(p []byte) (int, error) {
	w.max = max(w.max, len(p))
	return w.Buffer.Write(p)
}

// streamLimit is the most of a raw message the store may hold at once:
// a message need not fit in memory.
const streamLimit = 1 << 20

// Raw messages of every size, any bytes, read back byte for byte; a
// large one is read and written a piece at a time.
func testRawRoundTrip(t *testing.T, e *env) {
	for _, size := range []int{0, 1, 100, 512 << 10, 512<<10 + 1, 3<<20 + 17} {
		data := make([]byte, size)
		rnd := rand.New(rand.NewPCG(uint64(size), 7))
		for i := range data {
			// Mostly text, as mail is, with every byte value somewhere.
			if i%97 == 0 {
				data[i] = byte(i / 97)
			} else {
				data[i] = byte(rnd.IntN(64) + 32)
			}
		}
		src := &readAtRecorder{r: bytes.NewReader(data)}
		var id int64
		e.update(func(tx gateway.Tx) error {
			var err error
			id, err = tx.PutRaw(e.ctx, shaOf(data), src, int64(size), base)
			return err
		})
		var dst writeRecorder
		e.view(func(tx gateway.ReadTx) error { return tx.CopyRaw(e.ctx, id, &dst) })
		if !bytes.Equal(dst.Bytes(), data) {
			t.Errorf("size %d: read back %d bytes, not the same", size, dst.Len())
		}
		if size > 2*streamLimit && (src.max > streamLimit || dst.max > streamLimit) {
			t.Errorf("size %d: largest read %d, largest write %d bytes; want at most %d: the message is held whole",
				size, src.max, dst.max, streamLimit)
		}
	}
}

// SeenAt finds the entry recorded at an IMAP position: mailbox,
// UIDVALIDITY and UID together, nothing else.
func testSeenAt(t *testing.T, e *env) {
	en := e.entry(nil)
	other := e.entry(nil)
	src := gateway.Source{Mailbox: "support", UIDValidity: 4294967295, UID: 4294967294}
	e.update(func(tx gateway.Tx) error { return tx.MarkSeen(e.ctx, src, en.ID) })
	// Marking the position again keeps the first entry.
	e.update(func(tx gateway.Tx) error { return tx.MarkSeen(e.ctx, src, other.ID) })
	e.view(func(tx gateway.ReadTx) error {
		id, ok, err := tx.SeenAt(e.ctx, src)
		if err != nil || !ok || id != en.ID {
			t.Errorf("SeenAt = %d, %v, %v; want %d", id, ok, err, en.ID)
		}
		for _, s := range []gateway.Source{
			{Mailbox: "support", UIDValidity: 1, UID: 4294967294},
			{Mailbox: "support", UIDValidity: 4294967295, UID: 1},
			{Mailbox: "oncall", UIDValidity: 4294967295, UID: 4294967294},
			{Mailbox: "Support", UIDValidity: 4294967295, UID: 4294967294},
		} {
			if id, ok, err := tx.SeenAt(e.ctx, s); err != nil || ok {
				t.Errorf("SeenAt %+v = %d, %v, %v; want not seen", s, id, ok, err)
			}
		}
		return nil
	})
}

// EntryByRawSHA finds the message recorded on a raw content.
func testEntryByRawSHA(t *testing.T, e *env) {
	tk := e.ticket(nil)
	rawID, sha := e.raw("From: jane@customer.example\r\nMessage-ID: <r1@c>\r\n\r\nthe bytes")
	en := e.entry(func(en *gateway.Entry) { en.TicketID, en.RawID, en.MessageID = tk.ID, rawID, "r1@c" })
	_, lone := e.raw("nobody recorded this")
	e.view(func(tx gateway.ReadTx) error {
		got, err := tx.EntryByRawSHA(e.ctx, sha)
		if err != nil {
			return err
		}
		if got.ID != en.ID || got.TicketID != tk.ID || got.RawID != rawID || got.MessageID != "r1@c" {
			t.Errorf("entry by raw SHA: %+v, want entry %d", got, en.ID)
		}
		_, err = tx.EntryByRawSHA(e.ctx, lone)
		notFound(t, "raw with no entry", err)
		_, err = tx.EntryByRawSHA(e.ctx, shaOf([]byte("never stored")))
		notFound(t, "unknown SHA", err)
		return nil
	})
}

// EntriesByMessageID lists every message with a Message-ID, oldest first,
// on a ticket or not.
func testEntriesByMessageID(t *testing.T, e *env) {
	tk := e.ticket(nil)
	first := e.entry(func(en *gateway.Entry) { en.TicketID, en.MessageID, en.SentAt = tk.ID, "dup@c", at(time.Second) })
	_ = e.entry(func(en *gateway.Entry) { en.MessageID = "other@c" })
	second := e.entry(func(en *gateway.Entry) { en.MessageID, en.Mailbox = "dup@c", "oncall" })
	e.view(func(tx gateway.ReadTx) error {
		es, err := tx.EntriesByMessageID(e.ctx, "dup@c")
		if err != nil {
			return err
		}
		if len(es) != 2 || es[0].ID != first.ID || es[1].ID != second.ID {
			t.Fatalf("entries with dup@c: %+v, want %d then %d", es, first.ID, second.ID)
		}
		if es[0].TicketID != tk.ID || es[1].TicketID != 0 || es[1].Mailbox != "oncall" {
			t.Errorf("entries with dup@c: tickets %d %d, mailbox %q", es[0].TicketID, es[1].TicketID, es[1].Mailbox)
		}
		sameTime(t, "SentAt", es[0].SentAt, at(time.Second))
		if es[0].From != first.From {
			t.Errorf("From = %+v", es[0].From)
		}
		if es, err := tx.EntriesByMessageID(e.ctx, "none@c"); err != nil || len(es) != 0 {
			t.Errorf("unknown Message-ID: %v, %v", es, err)
		}
		return nil
	})
}

// Every field of a message, its bodies and attachments read back as
// recorded, the ticket's messages oldest first.
func testEntriesRoundTrip(t *testing.T, e *env) {
	tk := e.ticket(nil)
	other := e.ticket(nil)
	text := "Bonjour,\n\nl'écran reste noir — 画面が黒い.\n\n> earlier\n"
	full := e.entry(func(en *gateway.Entry) {
		en.TicketID, en.Mailbox, en.Direction, en.AuthorKind = tk.ID, "support", gateway.Inbound, gateway.AuthorCustomer
		en.Kind, en.KindReason, en.MessageID = "human", "no automatic headers", "full@customer.example"
		en.InReplyTo, en.References = []string{"a@x", "b@x"}, []string{"r1@x", "r2@x", "a@x"}
		en.From = gateway.Address{Name: "Zoë Ünal", Address: "zoe@customer.example"}
		en.To = []gateway.Address{{Name: "Support", Address: "support@helpdesk.example.com"}, {Address: "sales@helpdesk.example.com"}}
		en.Cc = []gateway.Address{{Name: "Paul", Address: "paul@other.example"}}
		en.Subject, en.SentAt = "Écran noir", at(-time.Hour+5)
		en.Text, en.Reply, en.HTML = text, "Bonjour,\n\nl'écran reste noir — 画面が黒い.", "<p>Bonjour,</p><p>l'écran</p>"
		en.Problems = []string{"charset: unknown x-foo, read as Latin-1", "attachment 2: truncated"}
		en.Attachments = []gateway.Attachment{
			{Filename: "capture d'écran.png", ContentType: "image/png", Disposition: "inline", ContentID: "img1@x", Size: 123456, SHA256: shaOf([]byte("png"))},
			{Filename: "facture.pdf", ContentType: "application/pdf", Disposition: "attachment", Size: 42, SHA256: shaOf([]byte("pdf"))},
		}
		en.CreatedAt = at(time.Minute)
	})
	// A reply that is not part of the text, no date, no HTML; mail can
	// carry a NUL, which is kept.
	plain := e.entry(func(en *gateway.Entry) {
		en.TicketID, en.Direction, en.AuthorKind, en.Kind = tk.ID, gateway.Outbound, gateway.AuthorParticipant, "auto-reply"
		en.MessageID, en.From = "plain@helpdesk.example.com", gateway.Address{Address: "alex@helpdesk.example.com"}
		en.Subject, en.Text, en.Reply, en.HTML = "Re: a\x00b", "text with a \x00 in it", "not in the text", ""
		en.CreatedAt = at(2 * time.Minute)
	})
	_ = e.entry(func(en *gateway.Entry) { en.TicketID = other.ID })
	_ = e.entry(nil) // on no ticket
	e.view(func(tx gateway.ReadTx) error {
		es, err := tx.Entries(e.ctx, tk.ID)
		if err != nil {
			return err
		}
		equal(t, "entries", es, []gateway.Entry{*full, *plain})
		return nil
	})
}

func testEvents(t *testing.T, e *env) {
	tk := e.ticket(nil)
	other := e.ticket(nil)
	en := e.entry(func(en *gateway.Entry) { en.TicketID = tk.ID })
	evs := []*gateway.Event{
		{TicketID: tk.ID, EntryID: en.ID, At: at(time.Second), Kind: gateway.EventCreated, Actor: "jane@customer.example", Detail: "opened by mail"},
		{TicketID: other.ID, At: at(2 * time.Second), Kind: gateway.EventMessage},
		{TicketID: tk.ID, At: at(-time.Hour), Kind: gateway.EventPriority, Actor: "alex", Detail: "P3 → P1: « urgent »"},
	}
	e.update(func(tx gateway.Tx) error {
		for _, ev := range evs {
			if err := tx.AddEvent(e.ctx, ev); err != nil {
				return err
			}
			if ev.ID <= 0 {
				t.Errorf("AddEvent set ID %d", ev.ID)
			}
		}
		return nil
	})
	e.view(func(tx gateway.ReadTx) error {
		got, err := tx.Events(e.ctx, tk.ID)
		if err != nil {
			return err
		}
		// In the order recorded, not by time.
		equal(t, "events", got, []gateway.Event{*evs[0], *evs[2]})
		return nil
	})
}

func testParticipants(t *testing.T, e *env) {
	tk := e.ticket(nil)
	other := e.ticket(nil)
	e.update(func(tx gateway.Tx) error {
		for _, a := range []string{"Jane@Customer.Example", "paul@other.example", "jane@customer.example", ""} {
			if err := tx.AddParticipant(e.ctx, tk.ID, a, "cc"); err != nil {
				return err
			}
		}
		return nil
	})
	e.view(func(tx gateway.ReadTx) error {
		for _, c := range []struct {
			ticket int64
			addr   string
			want   bool
		}{{tk.ID, "jane@customer.example", true}, {tk.ID, "JANE@customer.example", true}, {tk.ID, "Paul@Other.Example", true},
			{tk.ID, "marie@client.example", false}, {other.ID, "jane@customer.example", false}, {tk.ID, "", false}} {
			if got, err := tx.IsParticipant(e.ctx, c.ticket, c.addr); err != nil || got != c.want {
				t.Errorf("IsParticipant(#%d, %q) = %v, %v; want %v", c.ticket, c.addr, got, err, c.want)
			}
		}
		return nil
	})
}

// The store fills Triage and TriageReason from the ticket's first
// override: what triage chose at the opening, whatever came between.
func testPriorityOverrides(t *testing.T, e *env) {
	tk := e.ticket(nil)
	other := e.ticket(nil)
	first := &gateway.PriorityOverride{TicketID: tk.ID, At: at(time.Hour), Actor: "alex", From: 3, To: 1, Triage: 3, TriageReason: "mailbox support default"}
	second := &gateway.PriorityOverride{TicketID: tk.ID, At: at(2 * time.Hour), Actor: "sam", From: 1, To: 2, Triage: 1, TriageReason: "what the caller thought"}
	lone := &gateway.PriorityOverride{TicketID: other.ID, At: at(time.Hour), Actor: "sam", From: 3, To: 4, Triage: 3, TriageReason: "keyword"}
	for _, o := range []*gateway.PriorityOverride{first, second, lone} {
		e.update(func(tx gateway.Tx) error { return tx.AddPriorityOverride(e.ctx, o) })
	}
	if first.Triage != 3 || first.TriageReason != "mailbox support default" {
		t.Errorf("first override: triage %v %q, want what it was given", first.Triage, first.TriageReason)
	}
	if second.Triage != 3 || second.TriageReason != "mailbox support default" {
		t.Errorf("second override: triage %v %q, want the first override's P3 %q", second.Triage, second.TriageReason, "mailbox support default")
	}
	if lone.Triage != 3 || lone.TriageReason != "keyword" {
		t.Errorf("another ticket's override took triage %v %q", lone.Triage, lone.TriageReason)
	}
}

// TriageOutcomes lists the tickets opened since a time with triage's
// choice and where people left the priority.
func testTriageOutcomes(t *testing.T, e *env) {
	_ = e.ticket(func(tk *gateway.Ticket) { tk.CreatedAt = at(-time.Nanosecond) }) // before
	moved := e.ticket(func(tk *gateway.Ticket) { tk.CreatedAt, tk.Priority, tk.PriorityReason = at(2*time.Hour), 3, "default" })
	kept := e.ticket(func(tk *gateway.Ticket) {
		tk.Mailbox, tk.CreatedAt, tk.Priority, tk.PriorityReason = "oncall", at(0), 1, "mailbox oncall"
	})
	for _, o := range []gateway.PriorityOverride{
		{TicketID: moved.ID, At: at(3 * time.Hour), Actor: "alex", From: 3, To: 1, Triage: 3, TriageReason: "default"},
		{TicketID: moved.ID, At: at(4 * time.Hour), Actor: "sam", From: 1, To: 2, Triage: 1, TriageReason: "x"},
	} {
		e.update(func(tx gateway.Tx) error { return tx.AddPriorityOverride(e.ctx, &o) })
	}
	c := *moved
	c.Priority, c.PriorityReason = 2, "changed by sam"
	e.update(func(tx gateway.Tx) error { return tx.UpdateTicket(e.ctx, &c) })
	e.view(func(tx gateway.ReadTx) error {
		got, err := tx.TriageOutcomes(e.ctx, base)
		if err != nil {
			return err
		}
		equal(t, "triage outcomes", got, []gateway.TriageOutcome{
			{TicketID: kept.ID, Ticket: kept.Reference, Mailbox: "oncall", CreatedAt: at(0), Triage: 1, TriageReason: "mailbox oncall", Final: 1},
			{TicketID: moved.ID, Ticket: moved.Reference, Mailbox: "support", CreatedAt: at(2 * time.Hour), Triage: 3,
				TriageReason: "default", Final: 2, By: "sam"},
		})
		return nil
	})
}

// searchCorpus records the messages the search tests look in.
func (e *env) searchCorpus() (printer, vpn, devis, html, files int64) {
	mk := func(subject, from, text, htmlBody string, fill func(*gateway.Entry)) int64 {
		tk := e.ticket(func(tk *gateway.Ticket) { tk.Subject = subject })
		e.entry(func(en *gateway.Entry) {
			en.TicketID, en.Subject, en.Text, en.Reply, en.HTML = tk.ID, subject, text, text, htmlBody
			en.From = gateway.Address{Name: strings.Split(from, "@")[0], Address: from}
			if fill != nil {
				fill(en)
			}
		})
		return tk.ID
	}
	printer = mk("Printer on floor 3 jams", "jane@customer.example", "The printer on floor 3 jams on every invoice since Monday.", "", nil)
	vpn = mk("VPN refuses my certificate", "paul@other.example", "Since the update the VPN refuses my certificate.", "", func(en *gateway.Entry) {
		en.Cc = []gateway.Address{{Name: "Kim Lee", Address: "kim@partner.example"}}
	})
	devis = mk("Demande de devis", "marie@client.example", "Pourriez-vous m'envoyer un devis pour 40 licences ? L'imprimante du troisième étage est bloquée. Merci, Marie", "", nil)
	html = mk("Formatted only", "ana@client.example", "", "<p>The <b>scanner</b> shows error E42</p>", nil)
	files = mk("See attached", "bo@client.example", "Please look at the file.", "", func(en *gateway.Entry) {
		en.Attachments = []gateway.Attachment{{Filename: "quarterly-report.xlsx", ContentType: "application/vnd.ms-excel",
			Disposition: "attachment", Size: 10, SHA256: shaOf([]byte("x"))}}
	})
	return
}

// Search keeps the tickets whose mail holds every word, each as a word's
// start, in subjects, text, HTML when there is no text, addresses and
// attachment names, with case and accents folded. What people type is
// only text: operators of any search syntax match nothing and fail
// nothing.
func testSearchWords(t *testing.T, e *env) {
	printer, vpn, devis, html, files := e.searchCorpus()
	for _, c := range []struct {
		q    string
		want []int64
	}{
		{"printer", []int64{printer}},
		{"PRINTER", []int64{printer}},
		{"jams floor", []int64{printer}},
		{"print", []int64{printer}},
		{"licences", []int64{devis}},
		{"DEVIS", []int64{devis}},
		{"etage bloquee", []int64{devis}},
		{"ÉTAGE", []int64{devis}},
		{"troisieme", []int64{devis}},
		{"imprim", []int64{devis}},
		{"since", []int64{vpn, printer}},
		{"certificate", []int64{vpn}},
		{"paul@other.example", []int64{vpn}},
		{"kim@partner.example", []int64{vpn}},
		{"Kim", []int64{vpn}},
		{"scanner E42", []int64{html}},
		{"quarterly", []int64{files}},
		{"report", []int64{files}},
		{"printer certificate", nil},
		{"zzzqqq", nil},
		{"jane@other.example", nil},
		{"ertificate", nil},
		{`printer OR certificate`, nil},
		{`NEAR(printer jams)`, nil},
		{`subject:printer`, nil},
		{`"printer`, []int64{printer}},
		{`printer*`, []int64{printer}},
		{"printer\x00jams", []int64{printer}},
		// One character is a word of its own, not the start of every
		// word it begins: "j" would read most of the index for nothing.
		{"j", nil},
		{"4", nil},
		{"3", []int64{printer}},
	} {
		if got := e.tickets(gateway.TicketFilter{Search: c.q}); !slices.Equal(got, c.want) {
			t.Errorf("search %q: %v, want %v", c.q, got, c.want)
		}
	}
}

// Search narrows the other filters and pages like them.
func testSearchFilters(t *testing.T, e *env) {
	printer, vpn, _, _, _ := e.searchCorpus()
	e.update(func(tx gateway.Tx) error {
		tk, err := tx.TicketByID(e.ctx, vpn)
		if err != nil {
			return err
		}
		tk.Status = gateway.StatusOpen
		return tx.UpdateTicket(e.ctx, tk)
	})
	for _, c := range []struct {
		name string
		f    gateway.TicketFilter
		want []int64
	}{
		{"search and status", gateway.TicketFilter{Search: "since", Status: gateway.StatusOpen}, []int64{vpn}},
		{"search and limit", gateway.TicketFilter{Search: "since", Limit: 1}, []int64{vpn}},
		{"search and before", gateway.TicketFilter{Search: "since", Before: vpn}, []int64{printer}},
		{"search and mailbox", gateway.TicketFilter{Search: "since", Mailbox: "oncall"}, nil},
	} {
		if got := e.tickets(c.f); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// The index follows the messages: what a savepoint undid is not found,
// what a later transaction recorded is.
func testSearchTransactions(t *testing.T, e *env) {
	tk := e.ticket(nil)
	rawID, _ := e.raw("raw")
	e.update(func(tx gateway.Tx) error {
		err := tx.Savepoint(e.ctx, func() error {
			en := &gateway.Entry{TicketID: tk.ID, RawID: rawID, Mailbox: "support", Direction: gateway.Inbound,
				AuthorKind: gateway.AuthorCustomer, Kind: "human", Subject: "undone", Text: "phantomword", CreatedAt: base}
			if err := tx.AddEntry(e.ctx, en); err != nil {
				return err
			}
			return errBoom
		})
		if !errors.Is(err, errBoom) {
			t.Errorf("savepoint: %v", err)
		}
		return nil
	})
	if got := e.tickets(gateway.TicketFilter{Search: "phantomword"}); len(got) != 0 {
		t.Errorf("search finds a message a savepoint undid: %v", got)
	}
	e.entry(func(en *gateway.Entry) { en.TicketID, en.Text = tk.ID, "realword arrives" })
	if got := e.tickets(gateway.TicketFilter{Search: "realword"}); !slices.Equal(got, []int64{tk.ID}) {
		t.Errorf("search for a message just recorded: %v, want [%d]", got, tk.ID)
	}
}
