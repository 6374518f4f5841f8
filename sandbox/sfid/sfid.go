// Package sfid makes Salesforce record Ids of the real form: a 3-character
// key prefix naming the object, 12 more case-sensitive characters, and the
// 3-character case-safe suffix that turns a 15-character Id into 18.
package sfid

import (
	"fmt"
	"strings"
)

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// Key prefixes of the objects the sandbox serves.
const (
	PrefixAccount     = "001"
	PrefixContact     = "003"
	PrefixUser        = "005"
	PrefixLead        = "00Q"
	PrefixCaseComment = "00a"
	PrefixCase        = "500"
)

// pod mimics the instance characters real Ids carry after the prefix.
const pod = "5g"

// New returns the n-th 18-character Id for the object with the given prefix.
func New(prefix string, n uint64) string {
	body := make([]byte, 10)
	for i := len(body) - 1; i >= 0; i-- {
		body[i] = base62[n%62]
		n /= 62
	}
	return Extend(prefix + pod + string(body))
}

// Extend adds the case-safe checksum suffix to a 15-character Id.
func Extend(id15 string) string {
	var suffix strings.Builder
	for chunk := 0; chunk < 3; chunk++ {
		bits := 0
		for i := 0; i < 5; i++ {
			c := id15[chunk*5+i]
			if c >= 'A' && c <= 'Z' {
				bits |= 1 << i
			}
		}
		suffix.WriteByte("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits])
	}
	return id15 + suffix.String()
}

// Valid reports whether id is an 18-character Id whose suffix matches.
func Valid(id string) bool {
	if len(id) != 18 {
		return false
	}
	for i := 0; i < 15; i++ {
		if !strings.ContainsRune(base62, rune(id[i])) {
			return false
		}
	}
	return Extend(id[:15]) == id
}

// Prefix returns the key prefix of id, or an error when id is not an Id.
func Prefix(id string) (string, error) {
	if !Valid(id) {
		return "", fmt.Errorf("malformed id %q", id)
	}
	return id[:3], nil
}
