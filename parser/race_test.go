//go:build race

package parser

// raceEnabled: under the race detector sync.Pool drops items at random, so
// regexp and io allocate on calls that otherwise reuse pooled state, and
// total allocation is no measure of the parser.
const raceEnabled = true
