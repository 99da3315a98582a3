// Package notifier will deliver the rows of the outbox over SMTP: it claims
// due rows, sends exactly the bytes they hold, retries temporary failures
// with back-off and turns permanent ones into dead letters. It decides
// nothing about what to send; the gateway does, in the same transaction as
// the state that caused the mail.
package notifier
