package storetest

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

var (
	holderA = store.Holder{ID: "h1:100:a1", Host: "h1", PID: 100}
	holderB = store.Holder{ID: "h2:200:b2", Host: "h2", PID: 200}
)

func alive(store.Holder) bool { return false }

func (e *env) holder(name string) store.Holder {
	e.t.Helper()
	h, err := e.s.LeaseHolder(e.ctx, name)
	must(e.t, err)
	return h
}

// One holder at a time; the holder renews; a renewal after another took
// the lease is refused; a release frees it at once.
func testLeases(t *testing.T, e *env) {
	const ttl = time.Minute
	if h := e.holder(store.ServeLease); h != (store.Holder{}) {
		t.Errorf("holder of a lease never taken: %+v, want none", h)
	}
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderA, base, ttl, alive))
	if h := e.holder(store.ServeLease); h != holderA {
		t.Errorf("holder %+v, want %+v", h, holderA)
	}
	var held *store.HeldError
	err := e.s.AcquireLease(e.ctx, store.ServeLease, holderB, at(30*time.Second), ttl, alive)
	if !errors.As(err, &held) {
		t.Fatalf("second holder: %v, want a *store.HeldError", err)
	}
	if held.Name != store.ServeLease || held.Holder != holderA {
		t.Errorf("refusal names %q held by %+v, want %q held by %+v", held.Name, held.Holder, store.ServeLease, holderA)
	}
	sameTime(t, "refusal's expiry", held.Expires, at(ttl))
	// The holder takes it again (a restart of the same run) and renews.
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderA, at(40*time.Second), ttl, alive))
	must(t, e.s.RenewLease(e.ctx, store.ServeLease, holderA, at(50*time.Second), ttl))
	err = e.s.AcquireLease(e.ctx, store.ServeLease, holderB, at(90*time.Second), ttl, alive)
	if !errors.As(err, &held) {
		t.Fatalf("a renewed lease was taken: %v", err)
	}
	sameTime(t, "renewed expiry", held.Expires, at(50*time.Second+ttl))
	// Leases of other names are their own.
	must(t, e.s.AcquireLease(e.ctx, "mailbox:support", holderB, at(91*time.Second), ttl, alive))
	if err := e.s.RenewLease(e.ctx, store.ServeLease, holderB, at(92*time.Second), ttl); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("renewing a lease never held: %v, want store.ErrLeaseLost", err)
	}
	// Releasing someone else's lease does nothing.
	must(t, e.s.ReleaseLease(e.ctx, store.ServeLease, holderB))
	if h := e.holder(store.ServeLease); h != holderA {
		t.Errorf("after another's release: holder %+v, want %+v", h, holderA)
	}
	must(t, e.s.ReleaseLease(e.ctx, store.ServeLease, holderA))
	if h := e.holder(store.ServeLease); h != (store.Holder{}) {
		t.Errorf("after release: holder %+v, want none", h)
	}
	if err := e.s.RenewLease(e.ctx, store.ServeLease, holderA, at(93*time.Second), ttl); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("renewing a released lease: %v, want store.ErrLeaseLost", err)
	}
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderB, at(94*time.Second), ttl, alive))
	if h := e.holder("mailbox:support"); h != holderB {
		t.Errorf("the other lease: holder %+v", h)
	}
}

// An expired lease is taken, from the instant of its expiry; the old
// holder's renewal is then refused.
func testLeaseExpiry(t *testing.T, e *env) {
	const ttl = time.Minute
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderA, base, ttl, alive))
	var held *store.HeldError
	if err := e.s.AcquireLease(e.ctx, store.ServeLease, holderB, at(ttl-time.Nanosecond), ttl, alive); !errors.As(err, &held) {
		t.Fatalf("a nanosecond before expiry: %v, want a *store.HeldError", err)
	}
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderB, at(ttl), ttl, alive))
	if h := e.holder(store.ServeLease); h != holderB {
		t.Errorf("holder after expiry %+v, want %+v", h, holderB)
	}
	if err := e.s.RenewLease(e.ctx, store.ServeLease, holderA, at(ttl+time.Second), ttl); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("the old holder renews: %v, want store.ErrLeaseLost", err)
	}
	// An expired lease the holder did not renew is still its own until
	// another takes it.
	must(t, e.s.RenewLease(e.ctx, store.ServeLease, holderB, at(10*ttl), ttl))
}

// A holder reported dead loses its lease before expiry; dead is asked
// about the holder there is.
func testLeaseDeadHolder(t *testing.T, e *env) {
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderA, base, time.Hour, alive))
	var asked []store.Holder
	dead := func(h store.Holder) bool { asked = append(asked, h); return h.PID == holderA.PID }
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderB, at(time.Second), time.Hour, dead))
	if !slices.Equal(asked, []store.Holder{holderA}) {
		t.Errorf("dead was asked about %+v, want [%+v]", asked, holderA)
	}
	if h := e.holder(store.ServeLease); h != holderB {
		t.Errorf("holder after a dead holder: %+v", h)
	}
	if err := e.s.RenewLease(e.ctx, store.ServeLease, holderA, at(2*time.Second), time.Hour); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("the dead holder renews: %v, want store.ErrLeaseLost", err)
	}
}

// Taking the serve lease from another holder releases the claims on
// mail: the old holder sends nothing more, so its mail must not wait for
// the claims to lapse. The holder taking it again keeps its own claims.
func testServeLeaseReleasesClaims(t *testing.T, e *env) {
	m := mail(0, "ack", "c1@x", base)
	e.enqueue(m)
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderA, base, time.Minute, alive))
	if got := e.claim(base, at(time.Hour), 10); !slices.Equal(got, []int64{m.ID}) {
		t.Fatalf("claim: %v", got)
	}
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderA, at(time.Second), time.Minute, alive))
	if got := e.claim(at(2*time.Second), at(time.Hour), 10); len(got) != 0 {
		t.Errorf("the same holder renewing by acquire released its claims: %v", got)
	}
	must(t, e.s.AcquireLease(e.ctx, "mailbox:support", holderB, at(3*time.Second), time.Minute, alive))
	if got := e.claim(at(4*time.Second), at(time.Hour), 10); len(got) != 0 {
		t.Errorf("another lease changing hands released the claims: %v", got)
	}
	must(t, e.s.AcquireLease(e.ctx, store.ServeLease, holderB, at(2*time.Minute), time.Minute, alive))
	if got := e.claim(at(2*time.Minute), at(time.Hour), 10); !slices.Equal(got, []int64{m.ID}) {
		t.Errorf("after the serve lease changed hands: %v, want the claimed mail again", got)
	}
}

func (e *env) user(name string, role gateway.Role) gateway.User {
	e.t.Helper()
	u := gateway.User{Name: name, Email: name + "@helpdesk.example.com", Role: role,
		PasswordHash: "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA", CreatedAt: base, UpdatedAt: base}
	must(e.t, e.s.PutUser(e.ctx, &u, false))
	if u.ID <= 0 {
		e.t.Fatalf("PutUser set ID %d", u.ID)
	}
	return u
}

// Users: one per name, whatever its case; replace updates role, email and
// password and keeps the rest; listed by name.
func testUsers(t *testing.T, e *env) {
	bob := e.user("bob", gateway.RoleAgent)
	alice := e.user("alice", gateway.RoleAdmin)
	got, err := e.s.UserByName(e.ctx, "bob")
	must(t, err)
	equal(t, "user", got, bob)
	if got, err := e.s.UserByName(e.ctx, "BOB"); err != nil || got.ID != bob.ID {
		t.Errorf("user by name in another case: %+v, %v", got, err)
	}
	_, err = e.s.UserByName(e.ctx, "carol")
	notFound(t, "unknown user", err)
	for _, name := range []string{"bob", "Bob"} {
		dup := gateway.User{Name: name, Role: gateway.RoleAdmin, CreatedAt: base, UpdatedAt: base}
		if err := e.s.PutUser(e.ctx, &dup, false); !errors.Is(err, store.ErrUserExists) {
			t.Errorf("second user %q: %v, want store.ErrUserExists", name, err)
		}
	}
	changed := gateway.User{Name: "bob", Email: "robert@helpdesk.example.com", Role: gateway.RoleAdmin, PasswordHash: "",
		CreatedAt: at(time.Hour), UpdatedAt: at(time.Hour)}
	must(t, e.s.PutUser(e.ctx, &changed, true))
	if changed.ID != bob.ID {
		t.Errorf("replaced user has ID %d, want %d", changed.ID, bob.ID)
	}
	got, err = e.s.UserByName(e.ctx, "bob")
	must(t, err)
	equal(t, "replaced user", got, gateway.User{ID: bob.ID, Name: "bob", Email: "robert@helpdesk.example.com",
		Role: gateway.RoleAdmin, CreatedAt: base, UpdatedAt: at(time.Hour)})
	carol := gateway.User{Name: "carol", Role: gateway.RoleAgent, CreatedAt: base, UpdatedAt: base}
	must(t, e.s.PutUser(e.ctx, &carol, true)) // replace creates when there is none
	us, err := e.s.Users(e.ctx)
	must(t, err)
	var names []string
	for _, u := range us {
		names = append(names, u.Name)
	}
	if !slices.Equal(names, []string{"alice", "bob", "carol"}) {
		t.Errorf("users %v, want alice, bob, carol", names)
	}
	if len(us) == 3 {
		equal(t, "listed user", us[0], alice)
	}
}

// Sessions: read back with their user, touched, ended with every expired
// one, the unexpired others kept.
func testSessions(t *testing.T, e *env) {
	bob := e.user("bob", gateway.RoleAgent)
	alice := e.user("alice", gateway.RoleAdmin)
	must(t, e.s.CreateSession(e.ctx, "tok-bob", bob.ID, "csrf-bob", at(0), at(8*time.Hour)))
	must(t, e.s.CreateSession(e.ctx, "tok-old", alice.ID, "csrf-old", at(-10*time.Hour), at(time.Hour)))
	must(t, e.s.CreateSession(e.ctx, "tok-alice", alice.ID, "csrf-alice", at(time.Minute), at(9*time.Hour)))
	got, err := e.s.Session(e.ctx, "tok-bob")
	must(t, err)
	equal(t, "session", got, gateway.Session{User: bob, CSRF: "csrf-bob", CreatedAt: at(0), LastSeenAt: at(0), ExpiresAt: at(8 * time.Hour)})
	// An expired session is still returned: the caller judges.
	if got, err := e.s.Session(e.ctx, "tok-old"); err != nil || got.User.ID != alice.ID {
		t.Errorf("expired session: %+v, %v", got, err)
	}
	_, err = e.s.Session(e.ctx, "tok-none")
	notFound(t, "unknown session", err)
	must(t, e.s.TouchSession(e.ctx, "tok-bob", at(30*time.Minute)))
	got, err = e.s.Session(e.ctx, "tok-bob")
	must(t, err)
	sameTime(t, "LastSeenAt after touch", got.LastSeenAt, at(30*time.Minute))
	sameTime(t, "CreatedAt after touch", got.CreatedAt, at(0))
	must(t, e.s.DeleteSession(e.ctx, "tok-bob", at(2*time.Hour)))
	for tok, want := range map[string]bool{"tok-bob": false, "tok-old": false, "tok-alice": true} {
		_, err := e.s.Session(e.ctx, tok)
		if got := err == nil; got != want || (err != nil && !errors.Is(err, gateway.ErrNotFound)) {
			t.Errorf("after sign-out at 2h: session %s kept = %v (%v), want %v", tok, got, err, want)
		}
	}
}

// A sign-in link works once, before it expires.
func testSignInLinks(t *testing.T, e *env) {
	bob := e.user("bob", gateway.RoleAgent)
	must(t, e.s.CreateSignInLink(e.ctx, "link-1", bob.ID, at(0), at(time.Hour)))
	must(t, e.s.CreateSignInLink(e.ctx, "link-2", bob.ID, at(0), at(time.Hour)))
	got, err := e.s.UseSignInLink(e.ctx, "link-1", at(59*time.Minute))
	must(t, err)
	equal(t, "link's user", got, bob)
	_, err = e.s.UseSignInLink(e.ctx, "link-1", at(59*time.Minute))
	notFound(t, "link used twice", err)
	_, err = e.s.UseSignInLink(e.ctx, "link-2", at(time.Hour))
	notFound(t, "link at its expiry", err)
	_, err = e.s.UseSignInLink(e.ctx, "link-none", at(0))
	notFound(t, "unknown link", err)
}

// Two browsers racing with one link: exactly one signs in.
func testSignInLinkRace(t *testing.T, e *env) {
	bob := e.user("bob", gateway.RoleAgent)
	must(t, e.s.CreateSignInLink(e.ctx, "race", bob.ID, at(0), at(time.Hour)))
	const racers = 6
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		wins int
	)
	for range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.s.UseSignInLink(e.ctx, "race", at(time.Minute))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				wins++
			case !errors.Is(err, gateway.ErrNotFound):
				t.Errorf("racing link: %v", err)
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("%d browsers signed in with one link, want 1", wins)
	}
}

// Failed sign-ins are counted per key since a time, pruned, cleared.
func testLoginFailures(t *testing.T, e *env) {
	count := func(key string, since time.Time) int {
		t.Helper()
		n, err := e.s.LoginFailures(e.ctx, key, since)
		must(t, err)
		return n
	}
	prune := at(-time.Hour)
	for i := range 3 {
		must(t, e.s.RecordLoginFailure(e.ctx, []string{"user:bob", "addr:192.0.2.1"}, at(time.Duration(i)*time.Minute), prune))
	}
	must(t, e.s.RecordLoginFailure(e.ctx, []string{"user:alice", "addr:192.0.2.1"}, at(3*time.Minute), prune))
	for _, c := range []struct {
		key   string
		since time.Time
		want  int
	}{{"user:bob", base, 3}, {"user:bob", at(time.Minute), 2}, {"user:bob", at(time.Minute + time.Nanosecond), 1},
		{"addr:192.0.2.1", base, 4}, {"user:alice", base, 1}, {"user:carol", base, 0}} {
		if got := count(c.key, c.since); got != c.want {
			t.Errorf("failures of %s since %s: %d, want %d", c.key, c.since.Format(time.RFC3339Nano), got, c.want)
		}
	}
	// A later failure prunes what is older than its window, for its keys.
	must(t, e.s.RecordLoginFailure(e.ctx, []string{"user:bob"}, at(2*time.Hour), at(time.Minute)))
	if got := count("user:bob", time.Time{}); got != 3 {
		t.Errorf("bob's failures after pruning before 1m: %d, want 3 (1m, 2m, 2h)", got)
	}
	if got := count("user:alice", time.Time{}); got != 1 {
		t.Errorf("alice's failures, not pruned: %d, want 1", got)
	}
	must(t, e.s.ClearLoginFailures(e.ctx, "user:bob"))
	if got := count("user:bob", time.Time{}); got != 0 {
		t.Errorf("bob's failures after clearing: %d", got)
	}
	if got := count("addr:192.0.2.1", time.Time{}); got != 4 {
		t.Errorf("the address's failures after clearing bob's: %d, want 4", got)
	}
}
