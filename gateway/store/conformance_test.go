package store_test

import (
	"testing"

	"ticketgate/gateway/store/storetest"
)

// The SQLite store passes the suite every store passes.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend { return storetest.OpenSQLite(t) })
}
