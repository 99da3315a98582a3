package main

import (
	"context"
	"time"

	"ticketgate/gateway"
	"ticketgate/notifier"
)

// deliveryOutbox lets the notifier deliver the gateway's outbox: the
// gateway decides mail in its own terms, the notifier sends what it is
// given, and this is the only place that knows both.
type deliveryOutbox struct{ o gateway.Outbox }

var _ notifier.Outbox = deliveryOutbox{}

func (d deliveryOutbox) Claim(ctx context.Context, now time.Time, limit int) ([]notifier.Mail, error) {
	rows, err := d.o.Claim(ctx, now, limit)
	out := make([]notifier.Mail, 0, len(rows))
	for _, r := range rows {
		out = append(out, toNotifierMail(r))
	}
	return out, err
}

func (d deliveryOutbox) Sent(ctx context.Context, id int64, at time.Time) error {
	return d.o.Sent(ctx, id, at)
}

func (d deliveryOutbox) Retry(ctx context.Context, id int64, at, next time.Time, reason string) error {
	return d.o.Retry(ctx, id, at, next, reason)
}

func (d deliveryOutbox) Dead(ctx context.Context, id int64, at time.Time, reason string) error {
	return d.o.Dead(ctx, id, at, reason)
}

func toNotifierMail(r gateway.OutboxMail) notifier.Mail {
	m := r.Mail
	n := notifier.Mail{ID: r.ID, Attempts: r.Attempts, Created: r.CreatedAt,
		MessageID: m.MessageID, Date: m.Date, From: notifier.Address(m.From), EnvelopeFrom: m.EnvelopeFrom,
		ReplyTo: m.ReplyTo, Subject: m.Subject, InReplyTo: m.InReplyTo, References: m.References,
		AutoSubmitted: m.AutoSubmitted, Text: m.Text, HTML: m.HTML}
	for _, a := range m.To {
		n.To = append(n.To, notifier.Address(a))
	}
	for _, a := range m.Attachments {
		n.Attachments = append(n.Attachments, notifier.Attachment(a))
	}
	return n
}
