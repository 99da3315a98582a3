// Package storetest is the conformance suite every implementation of the
// gateway's store passes: the SQLite store and the PostgreSQL one run the
// same tests, so that the gateway behaves the same on either.
//
// Run takes a function that opens a fresh, empty, migrated store. The
// suite asserts behaviour only through the methods of Backend, never the
// schema: no SQL, no error strings, no exact ID values beyond their order.
//
// A store's package runs it from a test, on a database of its own per
// call (pgtest.Open gives one on PostgreSQL):
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) storetest.Backend {
//			s, err := Open(context.Background(), pgtest.Open(t))
//			if err != nil {
//				t.Fatal(err)
//			}
//			return s
//		})
//	}
//
// Implementation notes:
//   - Times are written with nanoseconds and in a zone other than UTC;
//     they must read back as the same instant, to the nanosecond, and in
//     UTC (the gateway formats stored times as they come, and pages the
//     scheduler's timers on exact instants).
//   - Text is what mail carries: any Unicode, NUL included, in bodies,
//     subjects and what people type into a search; IMAP's UIDVALIDITY
//     and UIDs use all 32 bits.
//   - Errors are judged with errors.Is and errors.As against
//     gateway.ErrNotFound, store.ErrLeaseLost, *store.HeldError and
//     store.ErrUserExists.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// Backend is what the suite needs of a store: the gateway's Store, the
// leases of serve, the web admin's accounts, and Close. The signatures are
// those of the SQLite *store.Store.
type Backend interface {
	gateway.Store

	AcquireLease(ctx context.Context, name string, me store.Holder, now time.Time, ttl time.Duration, dead func(store.Holder) bool) error
	RenewLease(ctx context.Context, name string, me store.Holder, now time.Time, ttl time.Duration) error
	ReleaseLease(ctx context.Context, name string, me store.Holder) error
	LeaseHolder(ctx context.Context, name string) (store.Holder, error)

	PutUser(ctx context.Context, u *gateway.User, replace bool) error
	UserByName(ctx context.Context, name string) (gateway.User, error)
	Users(ctx context.Context) ([]gateway.User, error)
	CreateSession(ctx context.Context, tokenHash string, userID int64, csrf string, now, expires time.Time) error
	Session(ctx context.Context, tokenHash string) (gateway.Session, error)
	TouchSession(ctx context.Context, tokenHash string, now time.Time) error
	DeleteSession(ctx context.Context, tokenHash string, now time.Time) error
	CreateSignInLink(ctx context.Context, tokenHash string, userID int64, now, expires time.Time) error
	UseSignInLink(ctx context.Context, tokenHash string, now time.Time) (gateway.User, error)
	RecordLoginFailure(ctx context.Context, keys []string, at, prune time.Time) error
	LoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	ClearLoginFailures(ctx context.Context, key string) error

	Close() error
}

// Run runs the suite. open returns a fresh, empty, migrated store for
// each call; the suite closes it.
func Run(t *testing.T, open func(t *testing.T) Backend) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, *env)
	}{
		{"References/PerPrefixAndYear", testReferences},
		{"References/ConcurrentUpdates", testReferencesConcurrent},
		{"Transactions/FailedUpdateRollsBackEverything", testUpdateRollsBack},
		{"Transactions/PanicRollsBack", testUpdatePanics},
		{"Transactions/CancelledBeforeBegin", testUpdateCancelled},
		{"Transactions/BegunUpdateOutlivesCancel", testUpdateOutlivesCancel},
		{"Transactions/Savepoint", testSavepoint},
		{"Transactions/SavepointAfterFailedStatement", testSavepointFailedStatement},
		{"Transactions/ViewSeesCommitted", testViewSeesCommitted},
		{"Tickets/RoundTrip", testTicketRoundTrip},
		{"Tickets/NotFound", testTicketNotFound},
		{"Tickets/UniqueReference", testTicketUniqueReference},
		{"Tickets/Update", testTicketUpdate},
		{"Tickets/Filters", testTicketFilters},
		{"Tickets/Paging", testTicketPaging},
		{"Tickets/ClockFilters", testTicketClockFilters},
		{"Tickets/Opened", testTicketsOpened},
		{"Timers/WakingPages", testTicketsWaking},
		{"Timers/SetWakeAt", testSetWakeAt},
		{"Raw/OncePerSHA", testPutRawOnce},
		{"Raw/StreamingRoundTrip", testRawRoundTrip},
		{"Dedupe/SeenAt", testSeenAt},
		{"Dedupe/EntryByRawSHA", testEntryByRawSHA},
		{"Dedupe/EntriesByMessageID", testEntriesByMessageID},
		{"Entries/RoundTrip", testEntriesRoundTrip},
		{"Events", testEvents},
		{"Participants", testParticipants},
		{"PriorityOverrides/TriageFromFirst", testPriorityOverrides},
		{"PriorityOverrides/TriageOutcomes", testTriageOutcomes},
		{"Outbox/RoundTrip", testOutboxRoundTrip},
		{"Outbox/NotFound", testOutboxNotFound},
		{"Outbox/UniqueMessageID", testOutboxUniqueMessageID},
		{"Outbox/Quotes", testOutboxQuotes},
		{"Outbox/ClaimDueOldestFirst", testOutboxClaim},
		{"Outbox/ClaimExpires", testOutboxClaimExpires},
		{"Outbox/ConcurrentClaimers", testOutboxConcurrentClaim},
		{"Outbox/Update", testOutboxUpdate},
		{"Outbox/Ref", testOutboxRef},
		{"Outbox/List", testOutboxList},
		{"Outbox/CountMail", testCountMail},
		{"MailboxStates", testMailboxStates},
		{"Templates", testTemplates},
		{"Leases/AcquireRenewRelease", testLeases},
		{"Leases/Expiry", testLeaseExpiry},
		{"Leases/DeadHolder", testLeaseDeadHolder},
		{"Leases/ServeTakeoverReleasesClaims", testServeLeaseReleasesClaims},
		{"Accounts/Users", testUsers},
		{"Accounts/Sessions", testSessions},
		{"Accounts/SignInLinks", testSignInLinks},
		{"Accounts/SignInLinkRace", testSignInLinkRace},
		{"Accounts/LoginFailures", testLoginFailures},
		{"Search/Words", testSearchWords},
		{"Search/WithFilters", testSearchFilters},
		{"Search/FollowsTransactions", testSearchTransactions},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("close store: %v", err)
				}
			})
			c.fn(t, &env{t: t, s: s, ctx: context.Background()})
		})
	}
}

// env is one subtest's store.
type env struct {
	t   *testing.T
	s   Backend
	ctx context.Context
	n   int // tickets made by ticket
}

// zone is not UTC: every time the suite writes is in it, and reads back
// in UTC.
var zone = time.FixedZone("UTC+01:30", 90*60)

// base is the suite's clock: nanoseconds set, so that a store that keeps
// less is caught.
var base = time.Date(2026, 3, 2, 9, 0, 0, 123456789, zone)

// at is base plus d.
func at(d time.Duration) time.Time { return base.Add(d) }

func ptr(t time.Time) *time.Time { return &t }

func (e *env) update(fn func(tx gateway.Tx) error) {
	e.t.Helper()
	if err := e.s.Update(e.ctx, fn); err != nil {
		e.t.Fatalf("update: %v", err)
	}
}

func (e *env) view(fn func(tx gateway.ReadTx) error) {
	e.t.Helper()
	if err := e.s.View(e.ctx, fn); err != nil {
		e.t.Fatalf("view: %v", err)
	}
}

// ticket creates a ticket with the fields set by fill, in its own
// transaction.
func (e *env) ticket(fill func(*gateway.Ticket)) *gateway.Ticket {
	e.t.Helper()
	e.n++
	tk := &gateway.Ticket{Reference: gateway.FormatReference("SUP", 2026, int64(e.n)), Mailbox: "support",
		Status: gateway.StatusNew, Priority: 3, PriorityReason: "mailbox support default",
		Customer: gateway.Address{Name: "Jane Roe", Address: "jane@customer.example"}, Subject: "Printer broken",
		Language: "en", Level: 1, CreatedAt: at(time.Duration(e.n) * time.Minute), UpdatedAt: at(time.Duration(e.n) * time.Minute)}
	if fill != nil {
		fill(tk)
	}
	e.update(func(tx gateway.Tx) error { return tx.CreateTicket(e.ctx, tk) })
	if tk.ID <= 0 {
		e.t.Fatalf("CreateTicket set ID %d", tk.ID)
	}
	return tk
}

func (e *env) ticketByID(id int64) *gateway.Ticket {
	e.t.Helper()
	var tk *gateway.Ticket
	e.view(func(tx gateway.ReadTx) error {
		var err error
		tk, err = tx.TicketByID(e.ctx, id)
		return err
	})
	return tk
}

func (e *env) tickets(f gateway.TicketFilter) []int64 {
	e.t.Helper()
	var ids []int64
	e.view(func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(e.ctx, f)
		for _, tk := range ts {
			ids = append(ids, tk.ID)
		}
		return err
	})
	return ids
}

// raw stores a raw message in its own transaction.
func (e *env) raw(content string) (id int64, sha string) {
	e.t.Helper()
	sha = shaOf([]byte(content))
	e.update(func(tx gateway.Tx) error {
		var err error
		id, err = tx.PutRaw(e.ctx, sha, strings.NewReader(content), int64(len(content)), base)
		return err
	})
	return id, sha
}

// entry records a message with the fields set by fill, on a raw message
// of its own unless fill sets RawID.
func (e *env) entry(fill func(*gateway.Entry)) *gateway.Entry {
	e.t.Helper()
	en := &gateway.Entry{Mailbox: "support", Direction: gateway.Inbound, AuthorKind: gateway.AuthorCustomer,
		Kind: "human", From: gateway.Address{Name: "Jane Roe", Address: "jane@customer.example"},
		Subject: "Printer broken", Text: "Hello", Reply: "Hello", CreatedAt: base}
	if fill != nil {
		fill(en)
	}
	if en.RawID == 0 {
		en.RawID, _ = e.raw(fmt.Sprintf("Subject: %s\r\nMessage-ID: <%s>\r\n\r\n%s\r\n%d", en.Subject, en.MessageID, en.Text, e.n))
		e.n++
	}
	e.update(func(tx gateway.Tx) error { return tx.AddEntry(e.ctx, en) })
	if en.ID <= 0 {
		e.t.Fatalf("AddEntry set ID %d", en.ID)
	}
	return en
}

// equal compares what the store gave back with what was written: every
// time in got must be in UTC, every instant the same to the nanosecond;
// empty and nil slices are alike.
func equal(t *testing.T, what string, got, want any) {
	t.Helper()
	if bad := nonUTC(reflect.ValueOf(got), what); len(bad) > 0 {
		t.Errorf("%s: times not in UTC: %s", what, strings.Join(bad, ", "))
	}
	g, w := normalize(reflect.ValueOf(got)), normalize(reflect.ValueOf(want))
	if !reflect.DeepEqual(g.Interface(), w.Interface()) {
		// Mail may hold a NUL; a log must not.
		show := func(v reflect.Value) string {
			return strings.ReplaceAll(fmt.Sprintf("%+v", v.Interface()), "\x00", `\x00`)
		}
		t.Errorf("%s:\n got %s\nwant %s", what, show(g), show(w))
	}
}

var (
	timeType         = reflect.TypeOf(time.Time{})
	outgoingMailType = reflect.TypeOf(gateway.OutgoingMail{})
)

// nonUTC names the times in v whose location is not UTC.
func nonUTC(v reflect.Value, path string) []string {
	switch {
	case !v.IsValid():
		return nil
	case v.Type() == timeType:
		if tm := v.Interface().(time.Time); tm.Location() != time.UTC {
			return []string{fmt.Sprintf("%s (%s)", path, tm.Location())}
		}
		return nil
	}
	var out []string
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			out = nonUTC(v.Elem(), path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			// A mail's Date header is its content: kept in the zone it
			// was written in.
			if !f.IsExported() || (v.Type() == outgoingMailType && f.Name == "Date") {
				continue
			}
			out = append(out, nonUTC(v.Field(i), path+"."+f.Name)...)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			out = append(out, nonUTC(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
	}
	return out
}

// normalize copies v with every time in UTC and every empty slice nil.
func normalize(v reflect.Value) reflect.Value {
	if !v.IsValid() {
		return v
	}
	if v.Type() == timeType {
		return reflect.ValueOf(v.Interface().(time.Time).UTC())
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(normalize(v.Elem()))
		return p
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(normalize(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.Len() == 0 {
			return reflect.Zero(v.Type())
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(normalize(v.Index(i)))
		}
		return out
	}
	return v
}

// sameTime checks one time read back.
func sameTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("%s = %s, want %s in UTC", what, got.Format(time.RFC3339Nano), want.UTC().Format(time.RFC3339Nano))
	}
}

func notFound(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, gateway.ErrNotFound) {
		t.Errorf("%s: %v, want gateway.ErrNotFound", what, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
