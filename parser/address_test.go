package parser

import (
	"net/mail"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func fromOf(t *testing.T, header string) *Message {
	t.Helper()
	m, err := Parse([]byte(strings.ReplaceAll(header+"\nTo: support@helpdesk.example.com\nSubject: x\n\nbody\n", "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The angle address is the address; a display name never is, however
// much it looks like one.
func TestFromRecovery(t *testing.T) {
	tests := []struct {
		name, header string
		want         string // "" for an unknown author
		wantName     string // checked when not empty
	}{
		{"address as display name", "From: victim@example.org <evil@attacker.example>", "evil@attacker.example", "victim@example.org"},
		{"encoded CR LF Bcc in the name", "From: =?utf-8?Q?Evil=0D=0ABcc:_victim@example.org?= <evil@attacker.example>", "evil@attacker.example", "Evil Bcc: victim@example.org"},
		{"quoted address as name (valid)", `From: "victim@example.org" <evil@attacker.example>`, "evil@attacker.example", "victim@example.org"},
		{"comma in an unquoted name", "From: Doe, John <John.Doe@Example.org>", "john.doe@example.org", "Doe, John"},
		{"bracket never closed", "From: Jane Roe <jane@customer.example", "jane@customer.example", "Jane Roe"},
		{"comment after the angle", "From: Jane: Roe <jane@customer.example> (work)", "jane@customer.example", ""},
		{"bare address after a name", "From: Jane Roe: jane@customer.example", "jane@customer.example", ""},
		{"address after the angle", "From: Jane: <victim@example.org> evil@attacker.example", "", ""},
		{"two angle addresses", "From: A: <victim@example.org> <evil@attacker.example>", "", ""},
		{"the same angle address twice", "From: Jane: <Jane@customer.example> <jane@customer.example>", "jane@customer.example", ""},
		{"the same angle address, another between", "From: J: <jane@customer.example> <evil@attacker.example> <jane@customer.example>", "", ""},
		{"two bare addresses", "From: victim@example.org: evil@attacker.example", "", ""},
		{"address glued to an encoded word", "From: =?utf-8?Q?Evil=0D=0ABcc:_victim@example.org?=", "", ""},
		{"empty angle", "From: victim@example.org <>", "", ""},
		{"angle holding no address", "From: victim@example.org <nobody>", "", ""},
		{"several authors, no Sender", "From: victim@example.org, evil@attacker.example", "", ""},
		{"several authors, Sender names one", "From: victim@example.org, evil@attacker.example\nSender: evil@attacker.example", "evil@attacker.example", ""},
		{"several authors, Sender names another", "From: victim@example.org, evil@attacker.example\nSender: other@elsewhere.example", "", ""},
		{"unreadable From does not fall back to Sender", "From: victim@example.org <>\nSender: victim@example.org", "", ""},
		{"quoted local part holding an address", `From: "alice@cust.example"@evil.example`, "", ""},
		{"quoted local part with a space", `From: Jane <"jane roe"@customer.example>`, "", ""},
		{"two From fields", "From: Alice <alice@customer.example>\nFrom: Bob <bob@attacker.example>", "", ""},
		{"two From fields, Sender names one", "From: alice@customer.example\nFrom: bob@attacker.example\nSender: alice@customer.example", "alice@customer.example", ""},
		{"plain", "From: Jane Roe <Jane@Customer.example>", "jane@customer.example", "Jane Roe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fromOf(t, tt.header)
			switch {
			case tt.want == "" && m.From != nil:
				t.Fatalf("From = %+v, want an unknown author (problems %v)", *m.From, m.Problems)
			case tt.want == "":
				if !m.HasProblem(ProblemBadAddress) && !m.HasProblem(ProblemNoFrom) {
					t.Errorf("no problem recorded: %v", m.Problems)
				}
			case m.From == nil:
				t.Fatalf("From = nil, want %s (problems %v)", tt.want, m.Problems)
			case m.From.Address != tt.want:
				t.Fatalf("From = %q, want %q", m.From.Address, tt.want)
			case tt.wantName != "" && m.From.Name != tt.wantName:
				t.Errorf("name = %q, want %q", m.From.Name, tt.wantName)
			}
		})
	}
}

func TestNoFromFallsBackToSender(t *testing.T) {
	m, err := Parse([]byte("Sender: jane@customer.example\r\nSubject: x\r\n\r\nbody\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.From == nil || m.From.Address != "jane@customer.example" {
		t.Fatalf("From = %+v", m.From)
	}
}

func TestRecoveredRecipientsAreStrictToo(t *testing.T) {
	m := fromOf(t, "From: jane@customer.example\nCc: broken <<<, bob@example.net, victim@example.org <evil@attacker.example>, a@x.example b@y.example")
	var got []string
	for _, a := range m.Cc {
		got = append(got, a.Address)
	}
	if strings.Join(got, " ") != "bob@example.net evil@attacker.example" {
		t.Errorf("cc = %v", got)
	}
}

// Control characters and bidirectional overrides never reach the fields
// read on one line; the raw bytes keep them.
func TestControlCharactersReplaced(t *testing.T) {
	raw := "From: =?utf-8?Q?Jane=1B[31m_Roe?= <jane@customer.example>\r\n" +
		"To: support@helpdesk.example.com\r\n" +
		"Subject: =?utf-8?Q?Printer=0D=0ABcc:_x@y.example_=E2=80=AEfdp.exe?=\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n" +
		"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*=utf-8''invoice%E2%80%AEfdp.exe%07\r\n\r\nMZ\r\n--b--\r\n"
	m, err := Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	for what, s := range map[string]string{"subject": m.Subject, "name": m.From.Name, "file": m.Attachments[0].Filename} {
		if i := strings.IndexFunc(s, IsControl); i >= 0 {
			t.Errorf("%s %q keeps a control character at %d", what, s, i)
		}
	}
	if m.Subject != "Printer Bcc: x@y.example \uFFFDfdp.exe" {
		t.Errorf("subject = %q", m.Subject)
	}
	if m.Attachments[0].Filename != "invoice\uFFFDfdp.exe\uFFFD" {
		t.Errorf("filename = %q", m.Attachments[0].Filename)
	}
	if !m.HasProblem(ProblemControlChars) {
		t.Errorf("problems %v", m.Problems)
	}
	if !strings.Contains(m.Header.Get("Subject"), "=0D=0A") {
		t.Errorf("the header lost its raw form: %q", m.Header.Get("Subject"))
	}
}

// FuzzFromRecovery checks the promises of address recovery on any From
// value: no panic, no invented address, no control character in a name,
// and an angle address, when there is one, is the only candidate.
func FuzzFromRecovery(f *testing.F) {
	for _, s := range []string{
		"victim@example.org <evil@attacker.example>",
		"=?utf-8?Q?Evil=0D=0ABcc:_victim@example.org?= <evil@attacker.example>",
		"Doe, John <john@example.org>", "<<<>>>@@", "a@b, c@d", `"x" <y@z>`, "j <j@x", "a@b (c <d@e>)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if strings.ContainsAny(v, "\r\n\x00") || !utf8.ValidString(v) {
			return // one header line; other bytes are read as windows-1252
		}
		m, err := Parse([]byte("From: " + v + "\r\nSubject: x\r\n\r\nbody\r\n"))
		if err != nil || m.From == nil {
			return
		}
		a := *m.From
		if !utf8.ValidString(a.Name) || strings.IndexFunc(a.Name, IsControl) >= 0 {
			t.Fatalf("name %q", a.Name)
		}
		if a.Address != strings.ToLower(a.Address) || strings.Count(a.Address, "@") < 1 || strings.IndexFunc(a.Address, IsControl) >= 0 {
			t.Fatalf("address %q", a.Address)
		}
		if strings.ContainsAny(v, `"\()`) {
			return // quoting and comments may legitimately reshape the text
		}
		// RFC 5322 §4.4 lets white space surround the '@'.
		lv := strings.ToLower(strings.Join(strings.Fields(v), ""))
		if !strings.Contains(lv, a.Address) {
			t.Fatalf("address %q appears nowhere in %q", a.Address, v)
		}
		// In a list, a bracket may belong to another part.
		if strings.Contains(v, "<") && !strings.ContainsAny(v, ",;") && !strings.Contains(lv, "<"+a.Address) {
			t.Fatalf("address %q of %q is not the angle address", a.Address, v)
		}
	})
}

var simpleAddressSamples = []string{
	"jane@example.org", "Jane Doe <jane@example.org>", "Jane  Doe\t<Jane.Doe+x@Example.ORG>", "<jane@example.org>",
	"J. Doe <j@x.example>", "J . Doe <j@x.example>", "Doe Jr. <j@x.example>", "O'Brien <ob@x.example>", "a.b <a@b>",
	"a@b, c@d", "A <a@b>, B <b@c>,C<c@d>", "a@b,", ",a@b", "a@b,,c@d", "Doe, Jane <j@x.example>", "a <b> <c@d>",
	"a@b>", "<a@b", "a@ b", "a @b", "<a@b >", "< a@b>", ".a@b", "a.@b", "a..b@c", "a@.b", "a@b.", "a@b..c", "a@-b-",
	"a_b@c", "a@b_c", "=?utf-8?q?J=C3=A9?= <j@x.example>", "undisclosed-recipients:;", "Jane <jane@example.org> (home)",
	"Jane\r\n <j@x.example>", "Jané <j@x.example>", "\"Jane Doe\" <j@x.example>", "a@b c", "a@b (c)",
}

// TestSimpleAddressesAgreeWithNetMail holds the fast path to net/mail:
// whenever it reads a list, ParseList reads the same addresses.
func TestSimpleAddressesAgreeWithNetMail(t *testing.T) {
	read := 0
	for _, v := range simpleAddressSamples {
		if checkSimpleAddresses(t, v) {
			read++
		}
	}
	if read < 12 {
		t.Errorf("the fast path read only %d samples", read)
	}
}

func checkSimpleAddresses(t *testing.T, v string) bool {
	t.Helper()
	got, ok := simpleAddresses(v)
	if !ok {
		return false
	}
	list, err := (&mail.AddressParser{}).ParseList(v)
	if err != nil {
		t.Fatalf("simpleAddresses(%q) = %v; net/mail: %v", v, got, err)
	}
	var want []Address
	for _, a := range list {
		want = append(want, Address{Name: strings.TrimSpace(a.Name), Address: strings.ToLower(a.Address)})
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("simpleAddresses(%q) = %v; net/mail reads %v", v, got, want)
	}
	return true
}

func FuzzSimpleAddresses(f *testing.F) {
	for _, v := range simpleAddressSamples {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) { checkSimpleAddresses(t, v) })
}
