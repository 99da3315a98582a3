package gateway_test

import (
	"go/build"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// The imports point one way (docs/architecture.md): the domain knows no
// delivery, storage or configuration package, and the leaves know none
// of ours. Only cmd/ticketgate wires concrete pieces together.
func TestLayering(t *testing.T) {
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Dir(filepath.Dir(here))
	ctx := build.Default
	imports := func(pkg string) []string {
		t.Helper()
		p, err := ctx.Import(pkg, root, 0)
		if err != nil {
			t.Fatalf("read package %s: %v", pkg, err)
		}
		var ours []string
		for _, i := range p.Imports {
			if i == "ticketgate" || strings.HasPrefix(i, "ticketgate/") {
				ours = append(ours, i)
			}
		}
		return ours
	}
	// deps is every package of ours a package needs, directly or not.
	var deps func(pkg string, seen map[string]bool) map[string]bool
	deps = func(pkg string, seen map[string]bool) map[string]bool {
		for _, i := range imports(pkg) {
			if !seen[i] {
				seen[i] = true
				deps(i, seen)
			}
		}
		return seen
	}
	allowed := map[string][]string{
		// The domain and the pieces it is made of.
		"ticketgate/gateway":          {"ticketgate/gateway/calendar", "ticketgate/parser", "ticketgate/templates"},
		"ticketgate/gateway/calendar": nil,
		"ticketgate/parser":           nil,
		"ticketgate/templates":        nil,
		"ticketgate/notifier":         nil,
		"ticketgate/gateway/spool":    nil,
		// Implementations of the gateway's interfaces: they import the
		// domain for its types, never each other or delivery.
		"ticketgate/gateway/store": {"ticketgate/gateway", "ticketgate/gateway/calendar", "ticketgate/parser", "ticketgate/templates"},
		// The PostgreSQL store shares the SQLite store's encodings.
		"ticketgate/gateway/store/postgres": {"ticketgate/gateway", "ticketgate/gateway/store", "ticketgate/gateway/calendar", "ticketgate/parser", "ticketgate/templates"},
		"ticketgate/gateway/triage":         {"ticketgate/gateway", "ticketgate/gateway/calendar", "ticketgate/parser", "ticketgate/templates"},
		// The web admin drives the gateway; the store reaches it only
		// through the Accounts interface, wired in cmd.
		"ticketgate/gateway/admin":      {"ticketgate/gateway", "ticketgate/gateway/calendar", "ticketgate/gateway/report", "ticketgate/parser", "ticketgate/templates"},
		"ticketgate/gateway/report":     {"ticketgate/gateway", "ticketgate/gateway/calendar", "ticketgate/parser", "ticketgate/templates"},
		"ticketgate/gateway/imapsource": {"ticketgate/gateway", "ticketgate/gateway/calendar", "ticketgate/gateway/spool", "ticketgate/parser", "ticketgate/templates"},
		// Monitoring reads the domain's views; only metrics knows Prometheus.
		"ticketgate/gateway/metrics": {"ticketgate/gateway", "ticketgate/gateway/calendar", "ticketgate/parser", "ticketgate/templates"},
		"ticketgate/gateway/health":  {"ticketgate/gateway", "ticketgate/gateway/calendar", "ticketgate/parser", "ticketgate/templates"},
	}
	for pkg, ok := range allowed {
		for dep := range deps(pkg, map[string]bool{}) {
			if !slices.Contains(ok, dep) && !strings.HasPrefix(dep, pkg+"/") {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
	// No package under gateway/ reads the configuration file.
	for pkg := range allowed {
		for dep := range deps(pkg, map[string]bool{}) {
			if strings.HasSuffix(dep, "/config") || strings.HasPrefix(dep, "ticketgate/cmd") {
				t.Errorf("%s depends on %s, which is wiring", pkg, dep)
			}
		}
	}
}
