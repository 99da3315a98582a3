package gateway

import (
	"bytes"
	"fmt"
	"slices"

	"ticketgate/parser"
)

// sameMail reports whether an earlier entry with the Message-ID, sender,
// date and subject of the message being ingested is the same mail: it
// carries the same body and attachments. Such a copy came through another
// mailbox (support@ and oncall@ both written to) or through the same one
// twice (Cc to an alias of it, a relay that delivered again), its bytes
// differing only in trace fields. With other content it is another mail
// that reuses the headers (a careless mailer, or someone hoping to have a
// real mail dropped): it is stored, and linked.
func (in *ingest) sameMail(e *Entry) (bool, error) {
	var raw bytes.Buffer
	if err := in.tx.CopyRaw(in.ctx, e.RawID, &raw); err != nil {
		return false, err
	}
	earlier, err := in.g.parser.Parse(raw.Bytes())
	if err != nil || in.msg == nil {
		return false, nil
	}
	if earlier.Text != in.msg.Text || len(earlier.Attachments) != len(in.msg.Attachments) {
		return false, nil
	}
	return slices.EqualFunc(earlier.Attachments, in.msg.Attachments, func(a, b parser.Attachment) bool {
		return a.SHA256 == b.SHA256
	}) && earlier.HTML == in.msg.HTML, nil
}

// linkSameMessageID records, on both tickets, that the message just
// stored has the Message-ID of a message of another ticket: a person
// decides whether they are the same request.
func (in *ingest) linkSameMessageID(res Result) error {
	m := in.msg
	if m == nil || m.MessageID == "" || res.Ticket == "" {
		return nil
	}
	var es []Entry
	if in.sameIDRead {
		// Read before this message was recorded; since then only the
		// message itself, which is skipped below, can have been added.
		es = in.sameID
	} else {
		var err error
		if es, err = in.tx.EntriesByMessageID(in.ctx, m.MessageID); err != nil {
			return err
		}
	}
	// Nearly always the message itself is the only one: read no ticket.
	if !slices.ContainsFunc(es, func(e Entry) bool { return e.ID != res.EntryID && e.Direction == Inbound && e.TicketID != 0 }) {
		return nil
	}
	t, err := in.tx.TicketByRef(in.ctx, res.Ticket)
	if err != nil {
		return err
	}
	for _, e := range es {
		if e.ID == res.EntryID || e.Direction != Inbound || e.TicketID == 0 || e.TicketID == t.ID {
			continue
		}
		other, err := in.tx.TicketByID(in.ctx, e.TicketID)
		if err != nil {
			return err
		}
		if res.Action == ActionCreated && t.LinkedTicketID == 0 {
			t.LinkedTicketID = other.ID
			if err := in.tx.UpdateTicket(in.ctx, t); err != nil {
				return err
			}
		}
		detail := fmt.Sprintf("a different message with the same Message-ID <%s> arrived through mailbox %s", m.MessageID, in.mb.Name)
		if err := in.tx.AddEvent(in.ctx, &Event{TicketID: other.ID, At: in.now, Kind: EventLinked, Detail: detail + "; recorded on " + t.Reference}); err != nil {
			return err
		}
		return in.tx.AddEvent(in.ctx, &Event{TicketID: t.ID, EntryID: res.EntryID, At: in.now, Kind: EventLinked,
			Detail: fmt.Sprintf("same Message-ID as a message of %s, with other content: kept as a separate message", other.Reference)})
	}
	return nil
}
