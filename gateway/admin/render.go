package admin

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"time"

	"ticketgate/gateway"
)

// page is what the layout shows around a page's own data.
type page struct {
	Title  string
	Prefix string
	User   *gateway.User
	CSRF   string
	Notice string
	Data   any
}

func parsePages(s *Server) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"when": func(t any) string {
			switch v := t.(type) {
			case time.Time:
				if v.IsZero() {
					return ""
				}
				return v.UTC().Format("2006-01-02 15:04 UTC")
			case *time.Time:
				if v == nil {
					return ""
				}
				return v.UTC().Format("2006-01-02 15:04 UTC")
			}
			return ""
		},
		"local": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return t.Format("2006-01-02 15:04 MST")
		},
		"size": func(n int64) string {
			switch {
			case n >= 1<<20:
				return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
			case n >= 1<<10:
				return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
			}
			return fmt.Sprintf("%d B", n)
		},
		"label": func(p gateway.Priority) string { return s.gw.PriorityLabel(p) },
		"path":  url.PathEscape,
		"query": url.QueryEscape,
	}
	names, err := fs.Glob(views, "views/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		if n == "views/layout.html" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(views, "views/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", n, err)
		}
		out[n[len("views/"):]] = t
	}
	return out, nil
}

// render writes a page. It renders into a buffer first, so that a
// template failure is an error page, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, ss *gateway.Session, title string, data any) {
	p := page{Title: title, Prefix: s.prefix, Data: data, Notice: r.URL.Query().Get("notice")}
	if ss != nil {
		u := ss.User
		p.User, p.CSRF = &u, ss.CSRF
	}
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, p); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "The page could not be shown; the error is in the log.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail shows an error page with a message meant for the person.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, ss *gateway.Session, status int, msg string) {
	s.render(w, r, status, "error.html", ss, http.StatusText(status), msg)
}

// serverError logs what went wrong and tells the person only that it did.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("admin request", "method", r.Method, "path", r.URL.Path, "err", err)
	http.Error(w, "Something went wrong on the server; the error is in the log.", http.StatusInternalServerError)
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func urlPathEscape(s string) string { return url.PathEscape(s) }
