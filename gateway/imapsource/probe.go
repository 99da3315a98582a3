package imapsource

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
)

// Report is what a probe of a mailbox found.
type Report struct {
	Folder      string
	Messages    uint32
	Unseen      uint32
	UIDValidity uint32
	Idle, Move  bool
	// Processed is whether the processed folder exists (post-action move).
	Processed bool
}

// Probe connects, logs in and looks at the folder without changing
// anything: the check an administrator runs after editing the file.
func Probe(ctx context.Context, cfg Config) (Report, error) {
	cfg.defaults()
	s := New(cfg, nil, nil)
	c, _, err := s.connect(ctx)
	if err != nil {
		return Report{}, err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	r := Report{Folder: cfg.Folder, Idle: c.Caps().Has(imap.CapIdle), Move: c.Caps().Has(imap.CapMove)}
	sd, err := c.Status(cfg.Folder, &imap.StatusOptions{NumMessages: true, NumUnseen: true, UIDValidity: true}).Wait()
	if err != nil {
		return r, fmt.Errorf("status of %s: %w", cfg.Folder, err)
	}
	if sd.NumMessages != nil {
		r.Messages = *sd.NumMessages
	}
	if sd.NumUnseen != nil {
		r.Unseen = *sd.NumUnseen
	}
	r.UIDValidity = sd.UIDValidity
	if cfg.PostAction == Move {
		_, err := c.Status(cfg.ProcessedFolder, &imap.StatusOptions{NumMessages: true}).Wait()
		r.Processed = err == nil
	}
	if err := c.Logout().Wait(); err != nil {
		return r, fmt.Errorf("log out: %w", err)
	}
	return r, nil
}
