package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"ticketgate/gateway/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/report")

// TestGolden renders the March fixture in every format and compares it
// with testdata/report (go test ./gateway/report -update rewrites them;
// review the diff before committing).
func TestGolden(t *testing.T) {
	r := build(t, march(t), report.Options{})
	for _, c := range []struct {
		file  string
		write func(io.Writer, *report.Report) error
	}{
		{"march.txt", report.WriteText},
		{"march.csv", report.WriteCSV},
		{"march.json", report.WriteJSON},
		{"march.html", report.WriteHTML},
	} {
		t.Run(c.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.write(&buf, r); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("..", "..", "testdata", "report", c.file)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file:\n%s", c.file, buf.String())
			}
		})
	}
}

// The CSV is one table: every record has the header's fields, and the
// sections are told by the first column.
func TestCSVShape(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteCSV(&buf, build(t, march(t), report.Options{})); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\r\n") {
		t.Error("records do not end in CRLF (RFC 4180)")
	}
	recs, err := csv.NewReader(&buf).ReadAll() // fails on a ragged record
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]int{}
	for _, r := range recs[1:] {
		sections[r[0]]++
	}
	if sections["group"] != 6 || sections["total"] != 1 || sections["missed"] != 6 || sections["credit"] != 1 {
		t.Errorf("sections: %v", sections)
	}
}

// The JSON is valid and its durations are whole seconds.
func TestJSONFields(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, build(t, march(t), report.Options{})); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Month string `json:"month"`
		Total struct {
			Tickets  int `json:"tickets"`
			Response struct {
				Median *int64 `json:"median_seconds"`
			} `json:"response"`
		} `json:"total"`
		Missed []struct {
			Late int64 `json:"late_seconds"`
		} `json:"missed"`
	}
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v.Month != "2026-03" || v.Total.Tickets != 7 || v.Total.Response.Median == nil || *v.Total.Response.Median != 5400 ||
		len(v.Missed) != 6 || v.Missed[0].Late != 3600 {
		t.Errorf("json: %+v", v)
	}
}

// A customer writes the subject and chooses the address: in the HTML
// they stay text, in the CSV they never start a formula.
func TestHostileCustomer(t *testing.T) {
	d := newDesk(t)
	subject := `=HYPERLINK("http://evil.example") <script>alert(1)</script><img src=x onerror=alert(2)> [P1]`
	d.open(at(paris, "2026-03-02 10:00"), "support", "@@x <-sum@evil.example>", subject)
	d.open(at(paris, "2026-03-02 10:05"), "support", "mallory <+1@evil.example>", "-2+3 [P3]")
	r := build(t, d, report.Options{})
	if len(r.Missed) != 4 {
		t.Fatalf("missed: %+v", r.Missed)
	}

	var buf bytes.Buffer
	if err := report.WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, rec := range recs[1:] {
		for _, k := range []string{"subject", "customer"} {
			if v := rec[col[k]]; v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
				t.Errorf("%s cell %q starts a formula", k, v)
			}
		}
	}
	if !strings.Contains(out, `'=HYPERLINK(""http://evil.example"")`) || !strings.Contains(out, "'+1@evil.example") ||
		!strings.Contains(out, "'-2+3 [P3]") {
		t.Errorf("CSV does not defuse the cells:\n%s", out)
	}

	buf.Reset()
	if err := report.WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	checkHTML(t, buf.Bytes())
	if !strings.Contains(buf.String(), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("subject not escaped as text")
	}
}

// checkHTML parses a page and fails on script, event handlers, external
// resources or a missing chart.
func checkHTML(t *testing.T, page []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var svg, style int
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "link", "img":
				t.Errorf("page holds a <%s> element", n.Data)
			case "svg":
				svg++
			case "style":
				style++
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") ||
					(a.Key == "src" || a.Key == "href") {
					t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if svg != 1 || style != 1 {
		t.Errorf("page has %d charts and %d style sheets, want one each", svg, style)
	}
}

func TestHTMLPage(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, build(t, march(t), report.Options{})); err != nil {
		t.Fatal(err)
	}
	checkHTML(t, buf.Bytes())
	// One bar per group and clock with a target: 6 groups × 2.
	if n := strings.Count(buf.String(), "<rect "); n < 12 {
		t.Errorf("%d bar segments, want at least 12", n)
	}
}

// An empty month still states the rule and says so.
func TestEmptyMonth(t *testing.T) {
	d := newDesk(t)
	r, err := report.Build(d.ctx, d.gw, report.Options{Month: report.Month{Year: 2026, Month: time.March}, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteText(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "No tickets were opened this month.") || !strings.Contains(buf.String(), report.MonthRule) {
		t.Errorf("empty month:\n%s", buf.String())
	}
	for _, w := range []func(io.Writer, *report.Report) error{report.WriteCSV, report.WriteJSON, report.WriteHTML} {
		if err := w(io.Discard, r); err != nil {
			t.Error(err)
		}
	}
	if _, err := report.Build(d.ctx, d.gw, report.Options{Month: report.Month{Year: 2027, Month: time.January}, AsOf: asOf}); err == nil {
		t.Error("a month not begun gave a report")
	}
}
