package gateway

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

// Our outgoing Message-IDs carry the ticket reference and an HMAC, so a
// reply to one of our mails threads on proof rather than on a guessable
// reference: <REF.NONCE.MAC@host>.

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewMessageID returns a fresh signed Message-ID (without angle brackets)
// for a mail about ticket ref.
func NewMessageID(secret []byte, ref, host string) string {
	var nonce [10]byte
	rand.Read(nonce[:])
	n := strings.ToLower(b32.EncodeToString(nonce[:]))
	return ref + "." + n + "." + messageIDMAC(secret, ref, n) + "@" + host
}

func messageIDMAC(secret []byte, ref, nonce string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ref + "." + nonce))
	return strings.ToLower(b32.EncodeToString(m.Sum(nil)[:10]))
}

// VerifyMessageID returns the ticket reference carried by one of our signed
// Message-IDs, and false for any other or forged ID.
func VerifyMessageID(secret []byte, id string) (string, bool) {
	local, _, ok := strings.Cut(strings.Trim(id, "<> "), "@")
	if !ok || len(secret) == 0 {
		return "", false
	}
	parts := strings.Split(local, ".")
	if len(parts) != 3 {
		return "", false
	}
	ref, nonce, mac := parts[0], parts[1], parts[2]
	if !hmac.Equal([]byte(mac), []byte(messageIDMAC(secret, ref, nonce))) {
		return "", false
	}
	return ref, true
}
