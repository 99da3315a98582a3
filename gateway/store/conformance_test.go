package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"ticketgate/gateway/store"
	"ticketgate/gateway/store/storetest"
)

// The SQLite store passes the suite every store passes.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend {
		s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "conformance.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
