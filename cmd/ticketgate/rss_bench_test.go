package main

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// writeBigMail writes a message of about size bytes: a plain-text body,
// or a short text with one base64 attachment.
func writeBigMail(tb testing.TB, path string, size int, attachment bool) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<16)
	fmt.Fprintf(w, "From: Big Customer <big@customer.example>\r\nTo: support@helpdesk.example.com\r\n"+
		"Subject: Full logs\r\nMessage-ID: <big-%d-%v@customer.example>\r\nDate: Fri, 20 Nov 2026 16:00:00 +0100\r\nMIME-Version: 1.0\r\n", size, attachment)
	line := "2026-11-20T16:00:00Z till-04 ERROR payment terminal did not answer; retrying the card reader\r\n"
	if !attachment {
		fmt.Fprintf(w, "Content-Type: text/plain; charset=utf-8\r\n\r\n")
		for n := 0; n < size; n += len(line) {
			w.WriteString(line)
		}
	} else {
		fmt.Fprintf(w, "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"+
			"The logs are attached.\r\n--b\r\nContent-Type: application/octet-stream\r\n"+
			"Content-Disposition: attachment; filename=\"logs.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
		chunk := []byte(strings.Repeat(line, 8))[:570] // 570 bytes: 760 base64 characters, ten lines of 76
		enc := base64.StdEncoding.EncodeToString(chunk)
		for n := 0; n < size; n += len(enc) {
			for i := 0; i < len(enc); i += 76 {
				w.WriteString(enc[i:min(i+76, len(enc))])
				w.WriteString("\r\n")
			}
		}
		w.WriteString("--b--\r\n")
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
}

// peakRSS runs this binary as ticketgate with args and returns its peak
// resident memory in MB.
func peakRSS(tb testing.TB, args ...string) float64 {
	tb.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "TICKETGATE_TEST_MAIN=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("ticketgate %v: %v\n%s", args, err, out)
	}
	return float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024
}

// BenchmarkIngestPeakRSS measures the peak memory of 'ticketgate ingest'
// for a 50 MB message, text or attachment, next to the same command on a
// small mail (the process's floor) and 'ticketgate parse' of the message.
//
//	go test -run '^$' -bench IngestPeakRSS -benchtime 1x ./cmd/ticketgate/
func BenchmarkIngestPeakRSS(b *testing.B) {
	cfg := initDir(b)
	dir := filepath.Dir(cfg)
	small := filepath.Join(dir, "small.eml")
	writeBigMail(b, small, 2000, false)
	for _, c := range []struct {
		name       string
		attachment bool
	}{{"text", false}, {"attachment", true}} {
		b.Run(c.name, func(b *testing.B) {
			big := filepath.Join(dir, c.name+".eml")
			writeBigMail(b, big, 50<<20, c.attachment)
			for b.Loop() {
				b.ReportMetric(peakRSS(b, "ingest", "--config", cfg, small), "floor-MB")
				b.ReportMetric(peakRSS(b, "parse", big), "parse-MB")
				b.ReportMetric(peakRSS(b, "ingest", "--config", cfg, big), "ingest-MB")
			}
			b.ReportMetric(0, "ns/op")
		})
	}
}
