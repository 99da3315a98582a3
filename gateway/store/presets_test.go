package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/templates"
)

var updatePresets = flag.Bool("update-presets", false, "write the preset dictionaries of kinds that have none (never rewrites one)")

// presetMail is what a mail of kind looks like in the outbox, rendered
// from the default template with sample data.
func presetMail(t *testing.T, kind, lang string) []byte {
	t.Helper()
	d, err := templates.Default(kind, lang)
	if err != nil {
		t.Fatal(err)
	}
	data := templates.Sample(kind, lang, true)
	r, err := templates.Render(d, data)
	if err != nil {
		t.Fatal(err)
	}
	m := gateway.OutgoingMail{
		MessageID: data.Reference + ".abcdefghijklmnop.qrstuvwxyz234567@ticketgate.invalid",
		Date:      time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), From: gateway.Address{Address: data.Mailbox},
		EnvelopeFrom: data.Mailbox, To: []gateway.Address{{Name: data.CustomerName, Address: data.CustomerAddress}},
		ReplyTo: data.Mailbox, Subject: r.Subject, InReplyTo: "request-1@customer.example",
		References: []string{"request-1@customer.example"}, AutoSubmitted: "auto-replied", Text: r.Text, HTML: r.HTML,
	}
	js, err := EncodeMail(m)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// The digests of the preset dictionaries. Rows packed against a preset
// can be read only with the same bytes: never change a line, add one.
var presetDigests = map[string]string{
	"ack-oncall":        "cf3ae885723112f6fd25e2b52c5424d5fc5c5762d27edaeb3fc043dfe25c1c72",
	"ack":               "2a04c3b5dab105036f08e2636bc9a4244b33b821cf4171fd855aa0c5d615f1d3",
	"agent-error":       "8f19f874086b1b25a31eddb44e4e9fb982e70173a1ba8bb4a167b61f5431f1ce",
	"agent-new-ticket":  "9d87581cbeeb4bbef8aeab29c5b65e2ce9dd64a1b35b2a080e0442e4a605d837",
	"agent-notice":      "143e7aca3b09013e92fe432c63e68108c8cd8cf354c6b178bb30b4b7c118b18d",
	"agent-page":        "aa2f82ae84b9d40c4341665145303d7e6c888e15bf9f40bc35cbb002e416b96f",
	"agent-reply":       "8941e61f41aabf42026803519885330a5a0b641c740d83172d51fd03b80274bc",
	"closed":            "d5e7cd1362bc4d30b9bcb22210708f56c72a07c3a1cd3c19e7dc8910699dc38e",
	"escalation":        "d146de113c32e1286bed30fb1db045e2765c34a3da0d2e015d355ca8c5128e96",
	"missing-info":      "a5b52ebe9a5f208adb91257faa1b79ef008a13ecd4cfe36cefb1a64ecb345782",
	"priority-raised":   "5ff02ba076e520a6c0744e0074e74a00838d9007a6adc4503f0b8976b1c425a5",
	"progress-reminder": "376d0a9f58ca9b6153772cf9cc87b3e1debd0f8e6daadac95a45c0a4e012c830",
	"progress":          "ffccd62bcc8060f888f49de87dee5c3d0010d5540bfdb7729c6fe1432a5ec0d2",
	"reminder":          "d04a1880a5f74a1a3b8f04f175bd4a1cf11b7d9819cc55b55c4452a5c911c623",
	"reopened":          "e7379eef6e3680a70122632b8fc5639d7573b4d7098cebbe9a2be24854dfb314",
	"resolved":          "87cbc818ff9646a5f2d848754f6976bb2be33a617c0894b594b17a0834f12c74",
	"sla-warning":       "39c94e1977fc3711074e8edb7b7c196639212f0645223a30f4fbb80cda17362b",
	"unregistered":      "9e09832452254eb70cac4d38752d3cabb618ae94a06fd324fd2293798d5825f1",
}

func TestOutboxPresetsAreFrozen(t *testing.T) {
	if *updatePresets {
		for _, kind := range templates.Names() {
			path := filepath.Join("presets", kind+".json")
			if _, err := os.Stat(path); err == nil {
				continue
			}
			var b bytes.Buffer
			for _, lang := range []string{"fr", "en"} {
				b.Write(presetMail(t, kind, lang))
				b.WriteByte('\n')
			}
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var kinds []string
	for kind, preset := range presets() {
		kinds = append(kinds, kind)
		sum := sha256.Sum256(preset)
		if got := hex.EncodeToString(sum[:]); got != presetDigests[kind] {
			t.Errorf("preset %s: digest %s, want %q: a preset in use may not change", kind, got, presetDigests[kind])
		}
		if len(preset) > maxDict/2 {
			t.Errorf("preset %s: %d bytes leaves too little room for a quote", kind, len(preset))
		}
	}
	slices.Sort(kinds)
	var want []string
	for kind := range presetDigests {
		want = append(want, kind)
	}
	slices.Sort(want)
	if !slices.Equal(kinds, want) {
		t.Errorf("presets %v, want %v", kinds, want)
	}
}

// Every kind of mail, in both languages, packs smaller against its preset
// and reads back the same; with a quote, against the preset and the
// quote. Rows of the earlier tags still read.
func TestPackOutboxPresets(t *testing.T) {
	quote := []byte(strings.Repeat("The till does not close the day and the report stays empty. ", 60))
	for _, kind := range templates.Names() {
		if presetDict(kind) == nil {
			t.Errorf("%s: no preset", kind)
			continue
		}
		for _, lang := range templates.Languages() {
			js := presetMail(t, kind, lang)
			js = bytes.ReplaceAll(js, []byte("SUP-2026-000123"), []byte("SUP-2026-004711"))
			for _, q := range [][]byte{nil, quote, bytes.Repeat(quote, 20)} {
				qf := func() ([]byte, error) { return QuoteDict(string(q)), nil }
				packed := PackOutbox(js, kind, QuoteDict(string(q)))
				if q == nil {
					packed = PackOutbox(js, kind, nil)
				}
				got, err := UnpackOutbox(packed, kind, qf)
				if err != nil || !bytes.Equal(got, js) {
					t.Fatalf("%s/%s quote %d: round trip: %v", kind, lang, len(q), err)
				}
				var plain []byte
				if q == nil {
					plain = DeflateDict([]byte{outboxDeflated}, js, nil)
				} else {
					plain = DeflateDict([]byte{outboxDeflatedDict}, js, QuoteDict(string(q)))
				}
				if len(packed) >= len(plain)*3/4 {
					t.Errorf("%s/%s quote %d: %d bytes against the preset, %d without", kind, lang, len(q), len(packed), len(plain))
				}
				if got, err := UnpackOutbox(plain, kind, qf); err != nil || !bytes.Equal(got, js) {
					t.Errorf("%s/%s quote %d: earlier row: %v", kind, lang, len(q), err)
				}
			}
		}
	}
	if _, err := UnpackOutbox(PackOutbox([]byte(`{}`), "no-such-kind", nil), "no-such-kind", nil); err != nil {
		t.Errorf("kind without a preset: %v", err)
	}
	if _, err := UnpackOutbox([]byte{outboxPreset, 1, 2}, "no-such-kind", nil); err == nil {
		t.Error("a preset row of an unknown kind read")
	}
}
