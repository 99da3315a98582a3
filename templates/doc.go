// Package templates holds the reply templates: the defaults (French and
// English, a subject, a text body and an HTML body each, embedded files),
// rendering with a fixed set of variables, and the validation an
// administrator's edit must pass before it is saved.
//
// A template is one document, the shape an administrator edits:
//
//	Subject: [{{.Reference}}] {{.Subject}}
//	--- text ---
//	Hello {{.CustomerName}},
//	--- html ---
//	<p>Hello {{.CustomerName}},</p>
//
// Invariants:
//   - Only the fields of Data and the functions of Funcs may appear; a
//     template that names anything else is rejected with its line and
//     column, before it is saved rather than when a customer waits for mail.
//   - The HTML body goes through html/template: every variable is escaped
//     for where it stands.
//   - A rendered subject holds no CR or LF: a header never carries more
//     than the template author meant.
//
// The package knows nothing of tickets or storage: callers fill Data and
// keep edited documents where they like.
package templates
