package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"ticketgate/gateway"
	"ticketgate/templates"
)

const templatesUsage = `usage: ticketgate templates list
       ticketgate templates show NAME [--lang L]
       ticketgate templates edit NAME --lang L          (opens $EDITOR)
       ticketgate templates set NAME --lang L --file F  (F "-" reads standard input)
       ticketgate templates preview NAME --lang L [--ticket REF]
       ticketgate templates history NAME
       ticketgate templates revert NAME --lang L --version N  (0: the default)`

func runTemplates(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.usageOut(args), templatesUsage)
		if len(args) == 0 {
			return &exitError{code: exUsage, err: errors.New("templates: no subcommand")}
		}
		return nil
	}
	sub := map[string]func(context.Context, *env, []string) error{
		"list": templatesList, "show": templatesShow, "edit": templatesEdit, "set": templatesSet,
		"preview": templatesPreview, "history": templatesHistory, "revert": templatesRevert,
	}[args[0]]
	if sub == nil {
		return &exitError{code: exUsage, err: fmt.Errorf("templates: unknown subcommand %q (list, show, edit, set, preview, history, revert)", args[0])}
	}
	return sub(ctx, e, args[1:])
}

// templateArgs parses "NAME [flags]" and checks the name and the
// language (lang is nil for commands without --lang).
func templateArgs(fs *flag.FlagSet, args []string, langFlag *string, needLang bool) (string, error) {
	pos, err := parseArgs(fs, args)
	if err != nil {
		return "", err
	}
	lang := ""
	if langFlag != nil {
		lang = *langFlag
	}
	if len(pos) != 1 {
		return "", &exitError{code: exUsage, err: fmt.Errorf("%s: give one template name (see 'ticketgate templates list')", fs.Name())}
	}
	if !templates.Known(pos[0]) {
		return "", &exitError{code: exUsage, err: fmt.Errorf("%s: no template %q (known: %s)", fs.Name(), pos[0], strings.Join(templates.Names(), ", "))}
	}
	if needLang && lang == "" {
		return "", &exitError{code: exUsage, err: fmt.Errorf("%s: --lang is required (%s)", fs.Name(), strings.Join(templates.Languages(), ", "))}
	}
	if lang != "" && !templates.KnownLanguage(lang) {
		return "", &exitError{code: exUsage, err: fmt.Errorf("%s: unsupported language %q (%s)", fs.Name(), lang, strings.Join(templates.Languages(), ", "))}
	}
	return pos[0], nil
}

// who names the administrator making an edit, for the history.
func who(e *env) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if v := e.getenv("USER"); v != "" {
		return v
	}
	return "unknown"
}

func templatesList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "templates list", "templates list [--config PATH]")
	path := configFlag(fs)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	return withApp(ctx, e, *path, func(a *app) error {
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, name := range templates.Names() {
			var state []string
			for _, lang := range templates.Languages() {
				t, err := a.gw.CurrentTemplate(ctx, name, lang)
				if err != nil {
					return err
				}
				if t.Version == 0 {
					state = append(state, lang+": default")
				} else {
					state = append(state, fmt.Sprintf("%s: version %d by %s, %s", lang, t.Version, t.UpdatedBy, rfc3339(t.UpdatedAt)))
				}
			}
			fmt.Fprintf(tw, "%s\t%s\n", name, strings.Join(state, "; "))
		}
		return tw.Flush()
	})
}

func templatesShow(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "templates show", "templates show [--config PATH] NAME [--lang L]")
	path := configFlag(fs)
	lang := fs.String("lang", "", "language (default: every language)")
	name, err := templateArgs(fs, args, lang, false)
	if err != nil {
		return err
	}
	return withApp(ctx, e, *path, func(a *app) error {
		langs := templates.Languages()
		if *lang != "" {
			langs = []string{*lang}
		}
		for i, l := range langs {
			t, err := a.gw.CurrentTemplate(ctx, name, l)
			if err != nil {
				return err
			}
			if len(langs) > 1 {
				if i > 0 {
					fmt.Fprintln(e.stdout)
				}
				fmt.Fprintf(e.stdout, "# %s (%s), %s\n", name, l, versionText(t))
			}
			fmt.Fprint(e.stdout, t.Doc.String())
		}
		return nil
	})
}

func versionText(t gateway.Template) string {
	if t.Version == 0 {
		return "default"
	}
	return fmt.Sprintf("version %d by %s at %s", t.Version, t.UpdatedBy, rfc3339(t.UpdatedAt))
}

func templatesSet(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "templates set", "templates set [--config PATH] NAME --lang L --file F")
	path := configFlag(fs)
	lang := fs.String("lang", "", "language: "+strings.Join(templates.Languages(), ", "))
	file := fs.String("file", "", `the document to store ("-": standard input)`)
	name, err := templateArgs(fs, args, lang, true)
	if err != nil {
		return err
	}
	if *file == "" {
		return &exitError{code: exUsage, err: errors.New("templates set: --file is required")}
	}
	var src []byte
	if *file == "-" {
		src, err = io.ReadAll(e.stdin)
	} else {
		src, err = os.ReadFile(*file)
	}
	if err != nil {
		return fmt.Errorf("templates set: %w", err)
	}
	return withApp(ctx, e, *path, func(a *app) error {
		t, err := a.gw.SaveTemplate(ctx, name, *lang, string(src), who(e))
		if err != nil {
			return &exitError{code: exDataErr, err: fmt.Errorf("templates set: not saved: %w", err)}
		}
		fmt.Fprintf(e.stdout, "template %s (%s) saved as version %d\n", name, *lang, t.Version)
		return nil
	})
}

func templatesEdit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "templates edit", "templates edit [--config PATH] NAME --lang L")
	path := configFlag(fs)
	lang := fs.String("lang", "", "language: "+strings.Join(templates.Languages(), ", "))
	name, err := templateArgs(fs, args, lang, true)
	if err != nil {
		return err
	}
	editor := e.getenv("VISUAL")
	if editor == "" {
		editor = e.getenv("EDITOR")
	}
	if editor == "" {
		return &exitError{code: exUsage, err: errors.New("templates edit: set $EDITOR (or use 'templates set --file')")}
	}
	return withApp(ctx, e, *path, func(a *app) error {
		cur, err := a.gw.CurrentTemplate(ctx, name, *lang)
		if err != nil {
			return err
		}
		dir, err := os.MkdirTemp("", "ticketgate-template-")
		if err != nil {
			return fmt.Errorf("templates edit: %w", err)
		}
		defer os.RemoveAll(dir)
		file := filepath.Join(dir, name+"."+*lang+".tmpl")
		if err := os.WriteFile(file, []byte(cur.Doc.String()), 0o600); err != nil {
			return fmt.Errorf("templates edit: %w", err)
		}
		before := cur.Doc.String()
		// Edit until the document validates or the administrator gives up by
		// leaving it unchanged: an edit is never lost to a typo.
		for {
			cmd := exec.CommandContext(ctx, "sh", "-c", editor+` "$1"`, "editor", file)
			// The editor draws on the terminal itself.
			cmd.Stdin, cmd.Stdout, cmd.Stderr = e.stdin, e.rawStdout, e.rawStderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("templates edit: %s: %w (edit kept in %s)", editor, err, file)
			}
			src, err := os.ReadFile(file)
			if err != nil {
				return fmt.Errorf("templates edit: %w", err)
			}
			if string(src) == before {
				fmt.Fprintln(e.stdout, "no change; nothing saved")
				return nil
			}
			t, err := a.gw.SaveTemplate(ctx, name, *lang, string(src), who(e))
			if err == nil {
				fmt.Fprintf(e.stdout, "template %s (%s) saved as version %d\n", name, *lang, t.Version)
				return nil
			}
			var te *templates.Error
			if !errors.As(err, &te) {
				return err
			}
			fmt.Fprintf(e.stderr, "not saved: %v\nthe editor opens again; leave the file unchanged to give up\n", err)
			before = string(src)
		}
	})
}

func templatesPreview(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "templates preview", "templates preview [--config PATH] NAME --lang L [--ticket REF]")
	path := configFlag(fs)
	lang := fs.String("lang", "", "language: "+strings.Join(templates.Languages(), ", "))
	ref := fs.String("ticket", "", "fill with this ticket (default: a sample ticket)")
	html := fs.Bool("html", false, "print the HTML body too")
	name, err := templateArgs(fs, args, lang, true)
	if err != nil {
		return err
	}
	return withApp(ctx, e, *path, func(a *app) error {
		r, err := a.gw.PreviewTemplate(ctx, name, *lang, *ref)
		if err != nil {
			return fmt.Errorf("templates preview: %w", err)
		}
		fmt.Fprintf(e.stdout, "Subject: %s\n\n%s", r.Subject, r.Text)
		if *html {
			fmt.Fprintf(e.stdout, "\n--- html ---\n%s", r.HTML)
		}
		return nil
	})
}

func templatesHistory(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "templates history", "templates history [--config PATH] NAME")
	path := configFlag(fs)
	name, err := templateArgs(fs, args, nil, false)
	if err != nil {
		return err
	}
	return withApp(ctx, e, *path, func(a *app) error {
		hist, err := a.gw.TemplateHistory(ctx, name)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LANG\tVERSION\tBY\tAT\tSUBJECT")
		for _, l := range templates.Languages() {
			fmt.Fprintf(tw, "%s\t0\tdefault\t-\t%s\n", l, defaultSubject(name, l))
			for _, t := range hist {
				if t.Lang == l {
					fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", l, t.Version, t.UpdatedBy, rfc3339(t.UpdatedAt), t.Doc.Subject)
				}
			}
		}
		return tw.Flush()
	})
}

func defaultSubject(name, lang string) string {
	d, err := templates.Default(name, lang)
	if err != nil {
		return err.Error()
	}
	return d.Subject
}

func templatesRevert(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "templates revert", "templates revert [--config PATH] NAME --lang L --version N")
	path := configFlag(fs)
	lang := fs.String("lang", "", "language: "+strings.Join(templates.Languages(), ", "))
	version := fs.String("version", "", "the version to bring back (0: the default)")
	name, err := templateArgs(fs, args, lang, true)
	if err != nil {
		return err
	}
	v, err := strconv.Atoi(*version)
	if err != nil || v < 0 {
		return &exitError{code: exUsage, err: errors.New("templates revert: --version N is required (see 'templates history')")}
	}
	return withApp(ctx, e, *path, func(a *app) error {
		t, err := a.gw.RevertTemplate(ctx, name, *lang, v, who(e))
		if err != nil {
			return fmt.Errorf("templates revert: %w", err)
		}
		fmt.Fprintf(e.stdout, "template %s (%s): version %d is current again, saved as version %d\n", name, *lang, v, t.Version)
		return nil
	})
}
