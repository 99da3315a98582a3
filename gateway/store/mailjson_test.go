package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"ticketgate/gateway"
)

// The outbox keeps mail as JSON; rows written before the store owned the
// format must still decode, field for field.
func TestStoredMailFormatIsStable(t *testing.T) {
	old := `{"message_id":"a@h","date":"2026-11-20T09:00:00Z","from":{"name":"Support","address":"support@h"},
		"envelope_from":"support@h","to":[{"name":"Jane","address":"jane@c"}],"reply_to":"support@h","subject":"S",
		"in_reply_to":"q@c","references":["p@c","q@c"],"auto_submitted":"auto-replied","text":"T","html":"<p>T</p>",
		"attachments":[{"filename":"f.png","content_type":"image/png","data":"AQI="}]}`
	want := gateway.OutgoingMail{MessageID: "a@h", Date: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
		From: gateway.Address{Name: "Support", Address: "support@h"}, EnvelopeFrom: "support@h",
		To: []gateway.Address{{Name: "Jane", Address: "jane@c"}}, ReplyTo: "support@h", Subject: "S", InReplyTo: "q@c",
		References: []string{"p@c", "q@c"}, AutoSubmitted: gateway.AutoReplied, Text: "T", HTML: "<p>T</p>",
		Attachments: []gateway.OutgoingAttachment{{Filename: "f.png", ContentType: "image/png", Data: []byte{1, 2}}}}
	var sm storedMail
	if err := json.Unmarshal([]byte(old), &sm); err != nil {
		t.Fatal(err)
	}
	if got := sm.mail(); !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded %+v\nwant %+v", got, want)
	}
	js, err := json.Marshal(toStoredMail(want))
	if err != nil {
		t.Fatal(err)
	}
	var a, b map[string]any
	if err := json.Unmarshal(js, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(old), &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("encoded %s\nwant the stored format %s", js, old)
	}
}
