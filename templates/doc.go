// Package templates will hold the default reply templates (French and
// English, text and HTML, embedded files), render them with a fixed set of
// variables, and validate an administrator's edit before it is saved.
package templates
