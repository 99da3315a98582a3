//go:build unix

package main

import (
	"errors"
	"syscall"
)

// processGone reports whether no process of this PID runs on this host:
// signal 0 checks without sending anything.
func processGone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
