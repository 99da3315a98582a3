package gateway

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"sync"
)

// hashBuffers are the read buffers of hashRaw: io.Copy into a hash would
// allocate 32 KB for every mail of a batch.
var hashBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// hashRaw is the hex SHA-256 of a whole raw message, the key of the
// content dedupe.
func hashRaw(raw RawMessage) (string, error) {
	h := sha256.New()
	buf := hashBuffers.Get().(*[]byte)
	defer hashBuffers.Put(buf)
	if _, err := io.CopyBuffer(h, io.NewSectionReader(raw, 0, raw.Size()), *buf); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
