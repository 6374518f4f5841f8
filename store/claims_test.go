package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEmailClaims(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		require.NoError(t, s.SaveEmailClaims(ctx, "Contact", []EmailClaim{
			{SalesforceID: "003C", Email: "dup@example.com"},
			{SalesforceID: "003A", Email: " DUP@Example.com "},
			{SalesforceID: "003B", Email: "solo@example.com"},
			{SalesforceID: "003D", Email: "gone@example.com"},
		}))
		require.NoError(t, s.SaveEmailClaims(ctx, "Lead", []EmailClaim{{SalesforceID: "00QA", Email: "dup@example.com"}}))

		got, err := s.EmailClaimants(ctx, "Contact", []string{"Dup@example.com", "solo@example.com", "nobody@example.com", ""})
		require.NoError(t, err)
		assert.Equal(t, map[string][]string{
			"Dup@example.com":  {"003A", "003C"},
			"solo@example.com": {"003B"},
		}, got)

		// 003C moves to another email, 003D's claim is removed.
		require.NoError(t, s.SaveEmailClaims(ctx, "Contact", []EmailClaim{
			{SalesforceID: "003C", Email: "solo@example.com"},
			{SalesforceID: "003D", Email: ""},
		}))
		got, err = s.EmailClaimants(ctx, "Contact", []string{"dup@example.com", "solo@example.com", "gone@example.com"})
		require.NoError(t, err)
		assert.Equal(t, map[string][]string{
			"dup@example.com":  {"003A"},
			"solo@example.com": {"003B", "003C"},
		}, got)

		require.NoError(t, s.ClearEmailClaims(ctx, "Contact"))
		got, err = s.EmailClaimants(ctx, "Contact", []string{"dup@example.com", "solo@example.com"})
		require.NoError(t, err)
		assert.Empty(t, got)
		got, err = s.EmailClaimants(ctx, "Lead", []string{"dup@example.com"})
		require.NoError(t, err)
		assert.Equal(t, map[string][]string{"dup@example.com": {"00QA"}}, got, "clearing is per object")
	})
}

func TestEmailClaimsBatchOf2000(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		claims := make([]EmailClaim, 2000)
		emails := make([]string, 1000)
		for i := range claims {
			// Two contacts per email.
			claims[i] = EmailClaim{SalesforceID: fmt.Sprintf("003%05d", i), Email: fmt.Sprintf("u%d@example.com", i/2)}
		}
		for i := range emails {
			emails[i] = fmt.Sprintf("u%d@example.com", i)
		}
		require.NoError(t, s.SaveEmailClaims(ctx, "Contact", claims))
		got, err := s.EmailClaimants(ctx, "Contact", emails)
		require.NoError(t, err)
		require.Len(t, got, 1000)
		assert.Equal(t, []string{"00300998", "00300999"}, got["u499@example.com"])
	})
}

func TestSaveEmailClaimsRequiresID(t *testing.T) {
	s := openStore(t, freshSQLite(t))
	require.ErrorContains(t, s.SaveEmailClaims(context.Background(), "Contact", []EmailClaim{{Email: "a@b.co"}}), "claim 0")
}

func TestSharedEmails(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		other := openInstance(t, dsn, "other")
		require.NoError(t, s.SaveEmailClaims(ctx, "Contact", []EmailClaim{
			{SalesforceID: "003C", Email: "dup@example.com"},
			{SalesforceID: "003A", Email: " DUP@Example.com "},
			{SalesforceID: "003E", Email: "dup@example.com"},
			{SalesforceID: "003B", Email: "solo@example.com"},
		}))
		require.NoError(t, s.SaveEmailClaims(ctx, "Lead", []EmailClaim{{SalesforceID: "00QA", Email: "solo@example.com"}}))
		require.NoError(t, other.SaveEmailClaims(ctx, "Contact", []EmailClaim{{SalesforceID: "003Z", Email: "solo@example.com"}}))

		got, err := s.SharedEmails(ctx, "Contact")
		require.NoError(t, err)
		assert.Equal(t, map[string][]string{"dup@example.com": {"003A", "003C", "003E"}}, got,
			"one object and one instance: solo is another object's and another instance's too")

		require.NoError(t, s.SaveEmailClaims(ctx, "Contact", []EmailClaim{{SalesforceID: "003C", Email: "solo@example.com"}, {SalesforceID: "003E", Email: ""}}))
		got, err = s.SharedEmails(ctx, "Contact")
		require.NoError(t, err)
		assert.Equal(t, map[string][]string{"solo@example.com": {"003B", "003C"}}, got)
	})
}
