package store

import (
	"encoding/json"
	"fmt"
	"time"

	"ticketgate/gateway"
)

// storedMail is the outbox's JSON form of a mail. The field names are the
// stored format: rows written by every earlier version decode with them,
// so a name here never changes.
type storedMail struct {
	MessageID     string             `json:"message_id"`
	Date          time.Time          `json:"date"`
	From          storedAddress      `json:"from"`
	EnvelopeFrom  string             `json:"envelope_from"`
	To            []storedAddress    `json:"to"`
	ReplyTo       string             `json:"reply_to,omitempty"`
	Subject       string             `json:"subject"`
	InReplyTo     string             `json:"in_reply_to,omitempty"`
	References    []string           `json:"references,omitempty"`
	AutoSubmitted string             `json:"auto_submitted,omitempty"`
	Text          string             `json:"text"`
	HTML          string             `json:"html,omitempty"`
	Attachments   []storedAttachment `json:"attachments,omitempty"`
}

type storedAddress struct {
	Name    string `json:"name,omitempty"`
	Address string `json:"address"`
}

type storedAttachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

func toStoredMail(m gateway.OutgoingMail) storedMail {
	s := storedMail{MessageID: m.MessageID, Date: m.Date, From: storedAddress(m.From), EnvelopeFrom: m.EnvelopeFrom,
		ReplyTo: m.ReplyTo, Subject: m.Subject, InReplyTo: m.InReplyTo, References: m.References,
		AutoSubmitted: m.AutoSubmitted, Text: m.Text, HTML: m.HTML}
	for _, a := range m.To {
		s.To = append(s.To, storedAddress(a))
	}
	for _, a := range m.Attachments {
		s.Attachments = append(s.Attachments, storedAttachment(a))
	}
	return s
}

func (s storedMail) mail() gateway.OutgoingMail {
	m := gateway.OutgoingMail{MessageID: s.MessageID, Date: s.Date, From: gateway.Address(s.From), EnvelopeFrom: s.EnvelopeFrom,
		ReplyTo: s.ReplyTo, Subject: s.Subject, InReplyTo: s.InReplyTo, References: s.References,
		AutoSubmitted: s.AutoSubmitted, Text: s.Text, HTML: s.HTML}
	for _, a := range s.To {
		m.To = append(m.To, gateway.Address(a))
	}
	for _, a := range s.Attachments {
		m.Attachments = append(m.Attachments, gateway.OutgoingAttachment(a))
	}
	return m
}

// EncodeMail is a mail's stored JSON form, the same in every backend.
func EncodeMail(m gateway.OutgoingMail) ([]byte, error) { return json.Marshal(toStoredMail(m)) }

// DecodeMail reads a mail's stored JSON form.
func DecodeMail(js []byte) (gateway.OutgoingMail, error) {
	var sm storedMail
	if err := json.Unmarshal(js, &sm); err != nil {
		return gateway.OutgoingMail{}, fmt.Errorf("decode mail: %w", err)
	}
	return sm.mail(), nil
}
