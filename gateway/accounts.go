package gateway

import (
	"fmt"
	"strings"
	"time"
)

// People who sign in to the web admin. The types are here so that the
// store can keep them and the admin can use them without knowing each
// other.

// Role is what a person may do in the web admin.
type Role string

// Roles.
const (
	RoleAdmin Role = "admin" // everything
	RoleAgent Role = "agent" // tickets only
)

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleAdmin, RoleAgent:
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q (want admin or agent)", s)
}

// User is a person who signs in to the web admin.
type User struct {
	ID    int64
	Name  string
	Email string
	Role  Role
	// PasswordHash is an argon2id PHC string; empty when the user signs
	// in only by one-time link.
	PasswordHash string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Session is a signed-in browser. Its token is known only to the
// browser; the store keeps the token's hash.
type Session struct {
	User       User
	CSRF       string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}
