package main

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestMakeBuildIsStaticAndStamped runs 'make build' as a user would: the
// binary has no dynamic loader (it runs on any Linux of its architecture)
// and 'ticketgate version' prints the version given to make.
func TestMakeBuildIsStaticAndStamped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS != "linux" {
		t.Skip("reads an ELF binary")
	}
	if _, err := exec.LookPath("make"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("make is not installed")
		}
		t.Skip("make is not installed")
	}
	bin := t.TempDir()
	cmd := exec.Command("make", "-C", filepath.Join("..", ".."), "build", "BIN="+bin, "VERSION=v1.2.3-test")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make build: %v\n%s", err, out)
	}
	exe := filepath.Join(bin, "ticketgate")
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary asks for a dynamic loader: not static")
		}
	}
	out, err := exec.Command(exe, "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "ticketgate v1.2.3-test ") {
		t.Errorf("version: %q %v", out, err)
	}
}
