package parser

import (
	"encoding/json"
	"io"
	"time"

	"github.com/emersion/go-message/textproto"
)

// Kind says who or what wrote a message, as far as its headers tell.
type Kind string

// The kinds of message. Only KindHuman may ever get an automatic answer
// (RFC 3834 §2).
const (
	KindHuman     Kind = "human"
	KindAutoReply Kind = "auto-reply"
	KindBounce    Kind = "bounce"
	KindList      Kind = "list"
)

// Address is a display name and a mailbox address. The address is lower-cased
// so that it can be compared as is.
type Address struct {
	Name    string `json:"name"`
	Address string `json:"address"`
}

// Bounce carries what a delivery status notification (RFC 3464) or a
// plain-text bounce tells about the message that could not be delivered.
type Bounce struct {
	OriginalMessageID string `json:"original_message_id"`
	Recipient         string `json:"recipient"`
	Status            string `json:"status"`
	// Action is the DSN action (failed, delayed, delivered, relayed,
	// expanded); empty for bounces that are not DSNs.
	Action string `json:"action"`
}

// Permanent reports whether the bounce means the mail will never arrive.
// Delayed notices are not permanent failures.
func (b *Bounce) Permanent() bool {
	if b == nil {
		return false
	}
	switch b.Action {
	case "delayed", "delivered", "relayed", "expanded":
		return false
	}
	return len(b.Status) == 0 || b.Status[0] != '4'
}

// ProblemCode names a kind of defect found while parsing.
type ProblemCode string

// Problem codes. Callers decide on codes, never on the detail text.
const (
	ProblemNoHeader         ProblemCode = "no-header"
	ProblemHeaderSyntax     ProblemCode = "header-syntax"
	ProblemHeaderTooLarge   ProblemCode = "header-too-large"
	ProblemHeaderCharset    ProblemCode = "header-charset"
	ProblemNoFrom           ProblemCode = "no-from"
	ProblemBadAddress       ProblemCode = "bad-address"
	ProblemNoMessageID      ProblemCode = "no-message-id"
	ProblemBadMessageID     ProblemCode = "bad-message-id"
	ProblemBadDate          ProblemCode = "bad-date"
	ProblemNoDate           ProblemCode = "no-date"
	ProblemBadContentType   ProblemCode = "bad-content-type"
	ProblemBadBoundary      ProblemCode = "bad-boundary"
	ProblemTruncated        ProblemCode = "truncated"
	ProblemBadEncoding      ProblemCode = "bad-encoding"
	ProblemUnknownEncoding  ProblemCode = "unknown-encoding"
	ProblemUnknownCharset   ProblemCode = "unknown-charset"
	ProblemInvalidText      ProblemCode = "invalid-text"
	ProblemOversize         ProblemCode = "oversize"
	ProblemTooManyParts     ProblemCode = "too-many-parts"
	ProblemTooDeep          ProblemCode = "too-deep"
	ProblemNoBody           ProblemCode = "no-body"
	ProblemLongLine         ProblemCode = "long-line"
	ProblemNothingDecodable ProblemCode = "nothing-decodable"
	// ProblemInternal records a panic recovered while parsing: a bug of
	// ours, reported instead of crashing the gateway.
	ProblemInternal ProblemCode = "internal"
)

// Problem is one thing that was wrong with a message. Parsing went on.
type Problem struct {
	Code   ProblemCode
	Detail string
}

func (p Problem) String() string {
	if p.Detail == "" {
		return string(p.Code)
	}
	return string(p.Code) + ": " + p.Detail
}

// MarshalJSON writes a problem as one readable string.
func (p Problem) MarshalJSON() ([]byte, error) { return json.Marshal(p.String()) }

// Attachment is a non-body part of a message: a file, an inline image, a
// forwarded message.
type Attachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	// Disposition is "attachment" or "inline".
	Disposition string `json:"disposition"`
	ContentID   string `json:"content_id,omitempty"`
	// Size is the decoded size in bytes.
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`

	src     io.ReaderAt // the whole message, size bytes
	srcSize int64
	path    []int
	opts    Options
}

// Message is a parsed email. All strings are valid UTF-8.
type Message struct {
	MessageID  string    `json:"message_id"`
	InReplyTo  []string  `json:"in_reply_to"`
	References []string  `json:"references"`
	Date       time.Time `json:"date"`
	// DateSource tells where Date came from: "header", "received" (the
	// newest Received field, when Date is missing or broken), "fallback"
	// (Options.Now) or "none".
	DateSource string `json:"date_source"`

	From    *Address  `json:"from"`
	Sender  *Address  `json:"sender"`
	ReplyTo []Address `json:"reply_to"`
	To      []Address `json:"to"`
	Cc      []Address `json:"cc"`

	Subject string `json:"subject"`
	// Language is the Content-Language the sender declared, if any.
	Language string `json:"content_language,omitempty"`

	// Text is the whole text body: the text/plain part, else text derived
	// from the HTML part.
	Text string `json:"text"`
	// Reply is the new part of Text: quoted history and signature removed.
	Reply string `json:"reply"`
	// HTML is the sanitised HTML body, empty when the message had none.
	HTML    string `json:"-"`
	HasHTML bool   `json:"html"`

	Attachments []Attachment `json:"attachments"`

	Kind       Kind    `json:"kind"`
	KindReason string  `json:"kind_reason"`
	Bounce     *Bounce `json:"bounce"`

	// TicketRefs are references found in the subject, e.g. "[SUP-2026-000123]".
	TicketRefs []string `json:"ticket_refs"`
	// BodyRefs are references seen in the body: a hint, never proof.
	BodyRefs []string `json:"body_refs"`

	Problems []Problem `json:"problems"`

	// Size is the length of the raw message in bytes.
	Size int `json:"size"`

	// Header is the top-level header as read (cleaned of lines that were
	// not header fields).
	Header textproto.Header `json:"-"`
}

// HasProblem reports whether a problem with the given code was recorded.
func (m *Message) HasProblem(code ProblemCode) bool {
	for _, p := range m.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// Incomplete reports whether part of the message was not read: more parts
// or deeper nesting than the limits, a part or the message cut off, a
// header block too large. What was read is usable; a person should look
// at the rest.
func (m *Message) Incomplete() bool {
	for _, p := range m.Problems {
		switch p.Code {
		case ProblemTooManyParts, ProblemTooDeep, ProblemTruncated, ProblemOversize, ProblemHeaderTooLarge:
			return true
		}
	}
	return false
}

func (m *Message) problem(code ProblemCode, detail string) {
	// Cap the list: a hostile message could otherwise produce one problem
	// per line.
	if len(m.Problems) >= maxProblems {
		return
	}
	m.Problems = append(m.Problems, Problem{Code: code, Detail: detail})
}

const maxProblems = 50

// MarshalJSON writes lists as [] rather than null, so that consumers of
// `ticketgate parse --json` can iterate without checks.
func (m *Message) MarshalJSON() ([]byte, error) {
	type plain Message
	c := plain(*m)
	for _, l := range []*[]string{&c.InReplyTo, &c.References, &c.TicketRefs, &c.BodyRefs} {
		if *l == nil {
			*l = []string{}
		}
	}
	for _, l := range []*[]Address{&c.ReplyTo, &c.To, &c.Cc} {
		if *l == nil {
			*l = []Address{}
		}
	}
	if c.Attachments == nil {
		c.Attachments = []Attachment{}
	}
	if c.Problems == nil {
		c.Problems = []Problem{}
	}
	return json.Marshal(c)
}
