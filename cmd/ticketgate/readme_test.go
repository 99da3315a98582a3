package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"ticketgate/cmd/ticketgate/config"
)

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readmeCommand is a 'ticketgate …' command line shown in README: in a
// code span or a code block, up to the end of the span or line.
var readmeCommand = regexp.MustCompile("^ticketgate ([a-z]+(?:\\\\?\\|[a-z]+)*)((?: [a-z]+(?:\\\\?\\|[a-z]+)*)?)([^`\\n]*)")

// TestReadmeCommandsExist: every command README shows exists, with every
// flag it shows it with.
func TestReadmeCommandsExist(t *testing.T) {
	var spans []string
	inBlock := false
	for _, line := range strings.Split(readme(t), "\n") {
		if strings.HasPrefix(line, "```") {
			inBlock = !inBlock
			continue
		}
		if inBlock {
			spans = append(spans, line)
			continue
		}
		parts := strings.Split(line, "`")
		for i := 1; i < len(parts); i += 2 {
			spans = append(spans, parts[i])
		}
	}
	names := map[string]bool{}
	for _, c := range commands() {
		names[c.name] = true
	}
	seen := 0
	for _, span := range spans {
		var found [][]string
		for rest := span; ; {
			i := strings.Index(rest, "ticketgate ")
			if i < 0 {
				break
			}
			rest = rest[i:]
			m := readmeCommand.FindStringSubmatch(rest)
			rest = rest[len("ticketgate "):]
			if m == nil || strings.HasPrefix(m[3], "=") {
				continue // user=ticketgate argv=…: not a command
			}
			// The flags end where the next command begins.
			if j := strings.Index(m[3], "ticketgate "); j >= 0 {
				m[3] = m[3][:j]
			}
			found = append(found, m)
		}
		for _, m := range found {
			cmds := strings.Split(strings.ReplaceAll(m[1], `\|`, "|"), "|")
			if !names[cmds[0]] {
				if strings.HasPrefix(m[2], " unix") || strings.HasPrefix(strings.TrimSpace(m[0]), "ticketgate unix") {
					continue // Postfix's master.cf names the service ticketgate
				}
				t.Errorf("README shows %q: no such command", strings.TrimSpace(m[0]))
				continue
			}
			seen++
			subs := []string{""}
			if s := strings.TrimSpace(m[2]); s != "" {
				subs = strings.Split(strings.ReplaceAll(s, `\|`, "|"), "|")
			}
			for _, cmd := range cmds {
				for _, sub := range subs {
					args := []string{cmd}
					if sub != "" {
						args = append(args, sub)
					}
					out, errOut, code := cli(t, "", nil, append(args, "--help")...)
					if code != 0 {
						// A word after the command that is an argument, not a
						// subcommand ("ticketgate ingest message.eml").
						out, errOut, code = cli(t, "", nil, cmd, "--help")
						if code != 0 {
							t.Errorf("README shows %q: %s --help fails: %s", m[0], cmd, errOut)
							continue
						}
					}
					for _, flag := range regexp.MustCompile(`(?:^|[\s\[|(])--?([a-z][a-z-]*)`).FindAllStringSubmatch(m[3], -1) {
						if flag[1] == "help" {
							continue
						}
						if !regexp.MustCompile(`(?m)^\s+-` + regexp.QuoteMeta(flag[1]) + `\b`).MatchString(out) {
							t.Errorf("README shows %q: %s has no flag --%s\n%s", strings.TrimSpace(m[0]), strings.Join(args, " "), flag[1], out)
						}
					}
				}
			}
		}
	}
	if seen < 30 {
		t.Errorf("only %d commands found in README: the test no longer reads it", seen)
	}
}

// TestReadmeConfigFlagClaim: README names exactly the commands that do
// not take --config.
func TestReadmeConfigFlagClaim(t *testing.T) {
	without := []string{"demo", "help", "parse", "version"}
	for _, c := range commands() {
		out, _, _ := cli(t, "", nil, c.name, "--help")
		if c.name == "tickets" || c.name == "templates" || c.name == "outbox" || c.name == "sla" || c.name == "triage" ||
			c.name == "admin" || c.name == "report" {
			continue // their subcommands take it; checked by the command table
		}
		takes := strings.Contains(out, "  -config ")
		if takes == slices.Contains(without, c.name) {
			t.Errorf("%s: takes --config %v, README says %v", c.name, takes, !takes)
		}
	}
	if !strings.Contains(readme(t), "all but `demo`, `help`, `parse` and `version` take `--config PATH`") {
		t.Error("README does not say which commands take --config")
	}
}

// TestReadmeConfigurationTable: the configuration keys are one table,
// and it lists every key the example file writes.
func TestReadmeConfigurationTable(t *testing.T) {
	doc := readme(t)
	start := strings.Index(doc, "| key | default | meaning |")
	if start < 0 {
		t.Fatal("no configuration table")
	}
	var rows []string
	for _, line := range strings.Split(doc[start:], "\n") {
		if !strings.HasPrefix(line, "|") {
			break
		}
		rows = append(rows, line)
	}
	rest := doc[start+len(strings.Join(rows, "\n")):]
	if next := strings.Index(rest, "\n## "); next >= 0 && strings.Contains(rest[:next], "\n| `") {
		t.Error("the configuration table is cut in two: rows follow a paragraph")
	}
	table := strings.Join(rows, "\n")
	// Every key of the example, commented ones included, is in a row.
	key := regexp.MustCompile(`^(?:# )?([a-z_]+) = `)
	header := regexp.MustCompile(`^(?:# )?\[\[?([a-z_.]+)\]\]?`)
	section := ""
	for _, line := range strings.Split(string(config.Example()), "\n") {
		if m := header.FindStringSubmatch(line); m != nil {
			section = m[1]
			continue
		}
		m := key.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		parts := strings.Split(section, ".")
		for i := range parts {
			if i == 1 && (parts[0] == "mailboxes" || parts[0] == "calendars" || parts[0] == "tiers" || parts[0] == "slas") {
				parts[i] = "NAME"
			}
		}
		full := strings.Trim(strings.Join(append(parts, m[1]), "."), ".")
		short := "." + m[1]
		if section == "triage.rules" || section == "slas.NAME" || strings.HasPrefix(section, "slas.") {
			continue // described by their own section
		}
		if !strings.Contains(table, "`"+full+"`") && !(strings.Contains(table, "`"+strings.Join(parts, ".")+".") && strings.Contains(table, short)) {
			t.Errorf("the configuration table lacks %s", full)
		}
	}
}
