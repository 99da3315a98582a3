// Package parser turns the raw bytes of one RFC 5322 message into a Message:
// addresses, threading headers, decoded subject, text and sanitised HTML
// bodies, the new part of a reply, attachments, a classification (human,
// auto-reply, bounce, list) and ticket references.
//
// Implementation notes:
//   - Parse is pure: no database, no network, no clock. It never panics and
//     never fails on a message that has at least a header or a body; whatever
//     was wrong is reported in Message.Problems, and the caller keeps the raw
//     bytes. An error is returned only when there is no message at all.
//   - The header block is read by a lenient scanner of our own and then
//     handed to go-message's textproto in a clean form, because go-message
//     rejects whole messages for one header line without a colon or a header
//     over 1 MiB.
//   - Transfer encodings are decoded here, leniently (a stray character in
//     base64 costs that character, not the rest of the part); MIME structure,
//     parameters (RFC 2231), encoded words (RFC 2047) and charsets come from
//     go-message.
//   - Work is bounded: message size, text size, number of parts and nesting
//     depth all have limits (Options), and attachments are hashed as streams,
//     never copied. Attachment content is re-read from the raw bytes on
//     demand (Attachment.Open).
//   - The message is read as a stream: ParseReaderAt reads an io.ReaderAt
//     once, in order, in 64 KB reads, and holds only the header block and
//     the text bodies; what is learnt from the raw bytes as a whole (the
//     longest line, whether the body is blank) is gathered as they stream
//     past. Parse is ParseReaderAt over a bytes.Reader.
//   - Where a standard parser is slow on the common shape (net/mail's dates
//     and address lists, an unanchored regexp over the body), a fast path
//     reads that shape only and leaves everything else to the standard
//     parser; each fast path is held to it by a test and a fuzz target, so
//     results never differ.
//   - Buffers (readers, text and copy buffers, base64 readers) come from
//     pools and go back once the part that borrowed them is read; the
//     reader Attachment.Open returns is never pooled.
//   - HTML is sanitised with bluemonday (Message.HTML is stored as is) and
//     rendered as text, when there is no text part, by one pass over
//     golang.org/x/net/html's tokens (htmltext.go), linear in the input.
package parser
