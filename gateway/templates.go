package gateway

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"ticketgate/templates"
)

// CurrentTemplate returns the template in use: the last edit, else the
// default (version 0).
func (g *Gateway) CurrentTemplate(ctx context.Context, name, lang string) (Template, error) {
	if _, err := templates.Default(name, lang); err != nil {
		return Template{}, err
	}
	var t Template
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		t, err = tx.Template(ctx, name, lang)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		d, err := templates.Default(name, lang)
		return Template{Name: name, Lang: lang, Doc: d, UpdatedBy: "default"}, err
	}
	if err != nil {
		return Template{}, fmt.Errorf("read template %s (%s): %w", name, lang, err)
	}
	return t, nil
}

// SaveTemplate validates an edited document and stores it as the next
// version. Nothing is stored when validation fails; the error carries the
// line and column.
func (g *Gateway) SaveTemplate(ctx context.Context, name, lang, src, by string) (Template, error) {
	if _, err := templates.Default(name, lang); err != nil {
		return Template{}, err
	}
	d, err := templates.Parse(name, lang, src)
	if err != nil {
		return Template{}, err
	}
	if err := templates.Validate(d); err != nil {
		return Template{}, err
	}
	return g.storeTemplate(ctx, d, by)
}

func (g *Gateway) storeTemplate(ctx context.Context, d templates.Doc, by string) (Template, error) {
	if strings.TrimSpace(by) == "" {
		by = "unknown"
	}
	t := Template{Name: d.Name, Lang: d.Lang, Doc: d, UpdatedBy: by, UpdatedAt: g.clock.Now().UTC()}
	err := g.store.Update(ctx, func(tx Tx) error { return tx.SaveTemplate(ctx, &t) })
	if err != nil {
		return Template{}, fmt.Errorf("save template %s (%s): %w", d.Name, d.Lang, err)
	}
	return t, nil
}

// TemplateHistory lists the stored versions of a template in every
// language, oldest first.
func (g *Gateway) TemplateHistory(ctx context.Context, name string) ([]Template, error) {
	if !templates.Known(name) {
		return nil, fmt.Errorf("template %q: %w", name, templates.ErrUnknown)
	}
	var out []Template
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		out, err = tx.TemplateVersions(ctx, name)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("history of template %s: %w", name, err)
	}
	return out, nil
}

// RevertTemplate makes an earlier version current again, as a new version
// so that history only grows. Version 0 is the default.
func (g *Gateway) RevertTemplate(ctx context.Context, name, lang string, version int, by string) (Template, error) {
	var d templates.Doc
	if version == 0 {
		var err error
		if d, err = templates.Default(name, lang); err != nil {
			return Template{}, err
		}
	} else {
		hist, err := g.TemplateHistory(ctx, name)
		if err != nil {
			return Template{}, err
		}
		found := false
		for _, t := range hist {
			if t.Lang == lang && t.Version == version {
				d, found = t.Doc, true
			}
		}
		if !found {
			return Template{}, fmt.Errorf("template %s (%s) has no version %d: %w", name, lang, version, ErrNotFound)
		}
	}
	// An old version may name what the current code no longer knows.
	if err := templates.Validate(d); err != nil {
		return Template{}, fmt.Errorf("version %d no longer validates: %w", version, err)
	}
	return g.storeTemplate(ctx, d, fmt.Sprintf("%s (revert to version %d)", by, version))
}

// PreviewTemplate renders the current template for a ticket, or for the
// sample ticket when ref is empty.
func (g *Gateway) PreviewTemplate(ctx context.Context, name, lang, ref string) (templates.Rendered, error) {
	t, err := g.CurrentTemplate(ctx, name, lang)
	if err != nil {
		return templates.Rendered{}, err
	}
	data := templates.Sample(name, lang, true)
	if ref != "" {
		var tk *Ticket
		if err := g.store.View(ctx, func(tx ReadTx) error {
			var err error
			tk, err = tx.TicketByRef(ctx, ref)
			return err
		}); err != nil {
			return templates.Rendered{}, err
		}
		mb := g.cfg.Mailboxes[tk.Mailbox]
		data = g.templateData(queued{kind: name, ticket: tk, mailbox: mb, to: tk.Customer}, lang)
	}
	return templates.Render(t.Doc, data)
}
