package activities

import "hash/maphash"

// digest is the 8 bytes a run keeps instead of a key it holds many of
// (shared emails, organization names). Digests live in this process only;
// what they find is checked against the record before it is used, so one
// that matches by chance costs a look-up, never a wrong match.
func digest(key string) uint64 { return maphash.String(digestSeed, key) }

var digestSeed = maphash.MakeSeed()
