// Package gateway is the domain of ticketgate: tickets, the messages on
// them, their timeline, and the lifecycle that turns inbound mail into
// tickets (Ingest). It defines the interfaces it needs (Store, Clock) and
// holds no SQL and no network code; sub-packages implement or drive it and
// cmd/ticketgate wires them together.
//
// Invariants kept here (DESIGN.md):
//  1. Exactly one ingest per message: all of a message's effects happen in
//     one store transaction, keyed by its source position and the SHA-256 of
//     its bytes, so a retry after a crash finds it recorded.
//  2. Nothing is dropped: the raw bytes are stored before anything else is
//     decided, and a message we cannot read becomes a ticket flagged
//     needs-human.
//  5. A reference is not a key: [REF] in a subject threads only mail from
//     a participant of that ticket.
package gateway
