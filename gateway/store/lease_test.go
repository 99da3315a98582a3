package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestLease(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "lease.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	a := Holder{ID: "a", Host: "h1", PID: 100}
	b := Holder{ID: "b", Host: "h1", PID: 200}
	alive := func(Holder) bool { return false }
	if err := s.AcquireLease(ctx, ServeLease, a, now, time.Minute, alive); err != nil {
		t.Fatal(err)
	}
	// Held and alive: refused, saying by whom.
	var held *HeldError
	err = s.AcquireLease(ctx, ServeLease, b, now.Add(30*time.Second), time.Minute, alive)
	if !errors.As(err, &held) || held.Holder.PID != 100 || held.Holder.Host != "h1" {
		t.Fatalf("second holder: %v, want a HeldError naming process 100 on h1", err)
	}
	// The holder renews; still refused past the first expiry.
	if err := s.RenewLease(ctx, ServeLease, a, now.Add(50*time.Second), time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.AcquireLease(ctx, ServeLease, b, now.Add(90*time.Second), time.Minute, alive); !errors.As(err, &held) {
		t.Fatalf("a renewed lease was taken: %v", err)
	}
	// A holder reported dead loses it at once.
	if err := s.AcquireLease(ctx, ServeLease, b, now.Add(91*time.Second), time.Minute,
		func(h Holder) bool { return h.PID == 100 }); err != nil {
		t.Fatalf("taking over a dead holder: %v", err)
	}
	if err := s.RenewLease(ctx, ServeLease, a, now.Add(92*time.Second), time.Minute); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("the old holder renews a lost lease: %v", err)
	}
	// Released: the next holder need not wait.
	if err := s.ReleaseLease(ctx, ServeLease, b); err != nil {
		t.Fatal(err)
	}
	if err := s.AcquireLease(ctx, ServeLease, a, now.Add(93*time.Second), time.Minute, alive); err != nil {
		t.Fatalf("after release: %v", err)
	}
	// Expired: taken.
	if err := s.AcquireLease(ctx, ServeLease, b, now.Add(10*time.Minute), time.Minute, alive); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
}

// Taking the serve lease from another holder releases the claims on
// mail: the old holder sends nothing more, so its mail must not wait for
// the claims to lapse.
func TestLeaseTakeoverReleasesClaims(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "claims.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	at := formatTime(now)
	if _, err := s.writer.ExecContext(ctx, `INSERT INTO outbox (kind, to_address, subject, message_id, data, status,
		next_attempt_at, created_at, claimed_until) VALUES ('ack', 'jane@customer.example', 'Hi', 'c1@x', '{}', 'pending', ?, ?, ?)`,
		at, at, formatTime(now.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	claimed := func() int {
		var n int
		if err := s.writer.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE claimed_until IS NOT NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	me := Holder{ID: "a", Host: "h", PID: 1}
	if err := s.AcquireLease(ctx, ServeLease, me, now, time.Minute, func(Holder) bool { return false }); err != nil {
		t.Fatal(err)
	}
	if claimed() != 0 {
		t.Fatal("a claim survives the serve lease changing hands")
	}
}
