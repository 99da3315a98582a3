package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"ticketgate/gateway"
	"ticketgate/templates"
)

type templateRow struct {
	Name  string
	Langs []gateway.Template
}

func (s *Server) templateList(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	var rows []templateRow
	for _, name := range templates.Names() {
		row := templateRow{Name: name}
		for _, lang := range templates.Languages() {
			t, err := s.gw.CurrentTemplate(r.Context(), name, lang)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			row.Langs = append(row.Langs, t)
		}
		rows = append(rows, row)
	}
	s.render(w, r, http.StatusOK, "templates.html", ss, "Templates", rows)
}

type templatePreview struct {
	Subject, Text string
	HTMLURL       string
}

type templateView struct {
	Name, Lang string
	Current    gateway.Template
	Source     string
	Ticket     string // the ticket previews render with; "" for the sample
	Error      string
	ErrLine    int
	ErrCol     int
	Preview    *templatePreview
	History    []gateway.Template
	DiffFrom   int
	DiffTo     int
	Diff       []diffLine
}

// templateView reads a template's current version and history; ok is
// false when the response was written (unknown template, failure).
func (s *Server) templateView(w http.ResponseWriter, r *http.Request, ss *gateway.Session) (*templateView, bool) {
	name, lang := r.PathValue("name"), r.PathValue("lang")
	cur, err := s.gw.CurrentTemplate(r.Context(), name, lang)
	if errors.Is(err, templates.ErrUnknown) || errors.Is(err, templates.ErrUnknownLanguage) {
		s.fail(w, r, ss, http.StatusNotFound, fmt.Sprintf("No template %s in %q.", name, lang))
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	hist, err := s.gw.TemplateHistory(r.Context(), name)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v := &templateView{Name: name, Lang: lang, Current: cur, Source: cur.Doc.String(), Ticket: r.FormValue("ticket")}
	for i := len(hist) - 1; i >= 0; i-- { // newest first
		if hist[i].Lang == lang {
			v.History = append(v.History, hist[i])
		}
	}
	return v, true
}

// source returns the document of a version: 0 is the default.
func (v *templateView) source(version int) (string, bool) {
	if version == 0 {
		d, err := templates.Default(v.Name, v.Lang)
		return d.String(), err == nil
	}
	for _, t := range v.History {
		if t.Version == version {
			return t.Doc.String(), true
		}
	}
	return "", false
}

func (s *Server) templatePage(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	v, ok := s.templateView(w, r, ss)
	if !ok {
		return
	}
	if d := r.URL.Query().Get("diff"); d != "" {
		to, err := strconv.Atoi(d)
		if err != nil || to <= 0 {
			s.fail(w, r, ss, http.StatusBadRequest, "Bad version to compare.")
			return
		}
		// Against the version before it in this language.
		from := 0
		for _, t := range v.History {
			if t.Version < to && t.Version > from {
				from = t.Version
			}
		}
		a, ok1 := v.source(from)
		b, ok2 := v.source(to)
		if !ok1 || !ok2 {
			s.fail(w, r, ss, http.StatusNotFound, fmt.Sprintf("No version %d.", to))
			return
		}
		v.DiffFrom, v.DiffTo, v.Diff = from, to, lineDiff(a, b)
	}
	s.preview(r, ss, v)
	s.render(w, r, http.StatusOK, "template.html", ss, "Template "+v.Name+" ("+v.Lang+")", v)
}

// preview renders v.Source into v, or sets the error at its place.
func (s *Server) preview(r *http.Request, ss *gateway.Session, v *templateView) {
	out, err := s.gw.PreviewDraft(r.Context(), v.Name, v.Lang, v.Source, strings.TrimSpace(v.Ticket))
	if err != nil {
		v.setError(err)
		return
	}
	id := s.previews.put(ss.User.ID, out.HTML, s.clock.Now())
	v.Preview = &templatePreview{Subject: out.Subject, Text: out.Text, HTMLURL: s.prefix + "/previews/" + id}
}

func (v *templateView) setError(err error) {
	var te *templates.Error
	if errors.As(err, &te) {
		v.ErrLine, v.ErrCol = te.Line, te.Col
		v.Error = te.Msg
		return
	}
	if errors.Is(err, gateway.ErrNotFound) {
		v.Error = "no ticket " + v.Ticket + " to preview with"
		return
	}
	v.Error = err.Error()
}

func (s *Server) templateSave(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	v, ok := s.templateView(w, r, ss)
	if !ok {
		return
	}
	v.Source = strings.ReplaceAll(r.PostFormValue("source"), "\r\n", "\n")
	_, err := s.gw.SaveTemplate(r.Context(), v.Name, v.Lang, v.Source, actor(ss.User))
	if err != nil {
		var te *templates.Error
		if !errors.As(err, &te) && !strings.Contains(err.Error(), "template") {
			s.serverError(w, r, err)
			return
		}
		v.setError(err)
		s.render(w, r, http.StatusUnprocessableEntity, "template.html", ss, "Template "+v.Name+" ("+v.Lang+")", v)
		return
	}
	s.log.Info("template saved", "template", v.Name, "lang", v.Lang, "user", ss.User.Name)
	http.Redirect(w, r, s.prefix+"/templates/"+v.Name+"/"+v.Lang+"?notice=saved", http.StatusSeeOther)
}

// templatePreview renders a draft: as JSON for the page's script, or as
// the editor page with the preview when the browser runs none.
func (s *Server) templatePreview(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	v, ok := s.templateView(w, r, ss)
	if !ok {
		return
	}
	v.Source = strings.ReplaceAll(r.PostFormValue("source"), "\r\n", "\n")
	s.preview(r, ss, v)
	if r.PostFormValue("format") != "json" {
		s.render(w, r, http.StatusOK, "template.html", ss, "Template "+v.Name+" ("+v.Lang+")", v)
		return
	}
	type jsonError struct {
		Line, Col int
		Msg       string
	}
	var out struct {
		Preview *templatePreview `json:"preview,omitempty"`
		Error   *jsonError       `json:"error,omitempty"`
	}
	out.Preview = v.Preview
	if v.Error != "" {
		out.Error = &jsonError{Line: v.ErrLine, Col: v.ErrCol, Msg: v.Error}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

func (s *Server) templateRevert(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	name, lang := r.PathValue("name"), r.PathValue("lang")
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version < 0 {
		s.fail(w, r, ss, http.StatusBadRequest, "Bad version.")
		return
	}
	if _, err := s.gw.RevertTemplate(r.Context(), name, lang, version, actor(ss.User)); err != nil {
		if errors.Is(err, gateway.ErrNotFound) || errors.Is(err, templates.ErrUnknown) || errors.Is(err, templates.ErrUnknownLanguage) {
			s.fail(w, r, ss, http.StatusNotFound, err.Error())
			return
		}
		s.fail(w, r, ss, http.StatusConflict, "Not reverted: "+err.Error())
		return
	}
	s.log.Info("template reverted", "template", name, "lang", lang, "version", version, "user", ss.User.Name)
	http.Redirect(w, r, s.prefix+"/templates/"+name+"/"+lang+"?notice=reverted", http.StatusSeeOther)
}

func (s *Server) previewHTML(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	html, ok := s.previews.get(ss.User.ID, r.PathValue("id"), s.clock.Now())
	if !ok {
		http.Error(w, "This preview has expired: preview again.", http.StatusNotFound)
		return
	}
	serveMailHTML(w, html)
}
