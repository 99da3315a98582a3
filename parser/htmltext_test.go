package parser

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var htmlToTextTests = []struct{ name, in, want string }{
	{"paragraphs and breaks", "<p>Hello,</p><p>first line<br>second   line</p>", "Hello,\n\nfirst line\nsecond line"},
	{"inline elements add no space", "<p>a<span>b</span> <i>c</i></p>", "ab c"},
	{"entities", "<p>n&deg;2 &laquo;&nbsp;x&nbsp;&raquo; &amp; &lt;b&gt;</p>", "n°2 «\u00a0x\u00a0» & <b>"},
	{"empty paragraphs", "<p>Hi</p><p>&nbsp;</p><p></p><p>there</p>", "Hi\n\nthere"},
	{"divs", "<div>one</div><div>two</div><div><br></div><div>three</div>", "one\ntwo\n\nthree"},
	{"lists", "<p>Done:</p><ul><li>a</li><li>b<ol><li>c</li><li>d</li></ol></li></ul><p>end</p>",
		"Done:\n\n* a\n* b\n\n  1. c\n  2. d\n\nend"},
	{"table", "<table><tr><th>Printer</th><th>Status</th></tr><tr><td>A</td><td></td><td>jam</td></tr></table>",
		"Printer | Status\nA | jam"},
	{"layout table", "<table><tr><td><p>Hello</p><p>World</p></td></tr></table>", "Hello\n\nWorld"},
	{"links", `<a href="https://x.example/a">the page</a>, <a href="https://x.example/b">https://x.example/b</a>, <a href="mailto:a@x.example">a@x.example</a>`,
		"the page ( https://x.example/a ), https://x.example/b, a@x.example"},
	{"image link", `<a href="https://x.example/"><img src="cid:1" alt="Logo"></a>`, "Logo ( https://x.example/ )"},
	{"bold", "<p><b>Priya</b> <strong>R<b>aman</b></strong></p>", "*Priya* *Raman*"},
	{"blockquote", "<div>Lucas</div><div><br><blockquote><div>On Mon, X wrote:</div><div><br></div><div>Hello</div></blockquote></div><p>after</p>",
		"Lucas\n\n> On Mon, X wrote:\n>\n> Hello\n\nafter"},
	{"nested blockquote", "<blockquote>a<blockquote>b</blockquote>c</blockquote>", "> a\n>\n>> b\n>\n> c"},
	{"pre keeps white space", "<p>log:</p><pre>a  b\n  c\n</pre><p>x</p>", "log:\n\na  b\n  c\n\nx"},
	{"skipped content", "<html><head><title>T</title><style>p{}</style></head><body><script>alert(1)</script><p>text</p></body></html>", "text"},
	{"headings", "<h1>Title</h1><p>body</p>", "Title\n\nbody"},
	{"hr", "<p>a</p><hr><p>b</p>", "a\n\nb"},
	{"unclosed markup", "<p>a <b>b <a href='https://x.example/'>c", "a *b c ( https://x.example/ )*"},
	{"stray end tags", "</p></div></blockquote></ul></pre></b></a>x", "x"},
}

func TestHTMLToText(t *testing.T) {
	for _, tt := range htmlToTextTests {
		if got := htmlToText(tt.in); got != tt.want {
			t.Errorf("%s: htmlToText(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// FuzzHTMLToText: any input renders without panicking, as valid UTF-8 when
// the input is, with no white space at either end, and with output bounded
// by a constant factor of the input.
func FuzzHTMLToText(f *testing.F) {
	for _, tt := range htmlToTextTests {
		f.Add(tt.in)
	}
	f.Add(strings.Repeat("<ul><li><blockquote>x<br>", 40))
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlToText(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from valid input: %q", out)
		}
		if strings.TrimSpace(out) != out {
			t.Fatalf("white space at an end: %q", out)
		}
		if len(out) > 24*len(s)+64 {
			t.Fatalf("%d bytes of text from %d of HTML", len(out), len(s))
		}
	})
}
