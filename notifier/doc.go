// Package notifier delivers the outbox over SMTP with go-mail: it reads due
// mail, sends it, retries temporary failures with capped back-off and turns
// permanent ones (5xx) into dead letters. It decides nothing about what to
// send; the gateway does, in the same transaction as the state that caused
// the mail, and fixes the content and Message-ID then.
//
// Delivery is at least once: a crash between the server's acceptance and
// the row being marked sent sends that one mail again, with the same
// Message-ID, so the recipient's client shows it once.
//
// Headers: From and Reply-To are the mailbox, the envelope sender returns
// bounces to it, Auto-Submitted (RFC 3834 §5) marks automatic mail and
// never a person's relayed reply, X-Auto-Response-Suppress keeps Exchange
// auto-replies away, References is one space-separated value. A header
// value with CR or LF is never sent.
package notifier
