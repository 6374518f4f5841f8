package salesforce_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/salesforce"
	sfsandbox "github.com/crmsync/crmsync/sandbox/salesforce"
)

// newClockedSandbox is a sandbox on a clock the test moves, a minute
// boundary and a half behind so that getUpdated has whole minutes to cover.
func newClockedSandbox(t *testing.T) (*sandboxOrg, *sandboxClock) {
	t.Helper()
	clock := &sandboxClock{t: time.Now().UTC().Truncate(time.Minute).Add(30 * time.Second)}
	return newSandbox(t, sfsandbox.Config{Now: clock.now}), clock
}

// queryRecords runs soql and returns its first page of records.
func queryRecords(t *testing.T, c *salesforce.Client, soql string) []salesforce.Record {
	t.Helper()
	res, err := c.Query(context.Background(), soql, nil)
	require.NoError(t, err, soql)
	return res.Records
}

func TestSandboxUpdateCollection(t *testing.T) {
	org, clock := newClockedSandbox(t)
	c := org.client(t)
	ctx := context.Background()
	contacts := queryRecords(t, c, "SELECT Id, Title FROM Contact ORDER BY Id LIMIT 3")
	require.Len(t, contacts, 3)
	account := queryRecords(t, c, "SELECT Id FROM Account ORDER BY Id LIMIT 1")[0]
	clock.advance(time.Hour)

	// Queried records carry attributes with a url; the client sends the type.
	change := func(r salesforce.Record, field string, v any) salesforce.Record {
		return salesforce.Record{"attributes": r["attributes"], "Id": r.ID(), field: v}
	}
	res, err := c.UpdateCollection(ctx, []salesforce.Record{
		change(contacts[0], "Title", "Head of Sync"),
		change(account, "Description", "Updated in bulk"),
		change(contacts[1], "Email", "not-an-email"),
	}, false)
	require.NoError(t, err)
	require.Len(t, res, 3)
	assert.Equal(t, salesforce.SaveResult{ID: contacts[0].ID(), Success: true, Errors: []salesforce.RecordError{}}, res[0])
	assert.Equal(t, account.ID(), res[1].ID)
	assert.True(t, res[1].Success)
	assert.False(t, res[2].Success)
	assert.True(t, res[2].HasCode("INVALID_EMAIL_ADDRESS"), "%+v", res[2])

	got, err := c.Get(ctx, "Contact", contacts[0].ID(), []string{"Title", "LastModifiedDate"})
	require.NoError(t, err)
	assert.Equal(t, "Head of Sync", got.String("Title"))
	modified, ok := got.Time("LastModifiedDate")
	require.True(t, ok)
	assert.Equal(t, clock.now().Truncate(time.Second), modified)
	got, err = c.Get(ctx, "Account", account.ID(), []string{"Description"})
	require.NoError(t, err)
	assert.Equal(t, "Updated in bulk", got.String("Description"))

	t.Run("allOrNone rolls back", func(t *testing.T) {
		res, err := c.UpdateCollection(ctx, []salesforce.Record{
			change(contacts[2], "Title", "Should not stick"),
			change(contacts[1], "LastName", strings.Repeat("x", 81)),
		}, true)
		require.NoError(t, err)
		assert.True(t, res[0].HasCode("ALL_OR_NONE_OPERATION_ROLLED_BACK"), "%+v", res[0])
		assert.True(t, res[1].HasCode("STRING_TOO_LONG"), "%+v", res[1])
		got, err := c.Get(ctx, "Contact", contacts[2].ID(), []string{"Title"})
		require.NoError(t, err)
		assert.Equal(t, contacts[2].String("Title"), got.String("Title"))
	})

	t.Run("an unknown field fails the call", func(t *testing.T) {
		_, err := c.UpdateCollection(ctx, []salesforce.Record{change(contacts[2], "Shoe_Size__c", 44)}, false)
		var qe *salesforce.QueryError
		require.ErrorAs(t, err, &qe)
		assert.Equal(t, "INVALID_FIELD", qe.Code)
		assert.False(t, salesforce.IsRetryable(err))
	})

	writes := org.srv.Stats().Snapshot().Writes
	assert.Equal(t, int64(1), writes["Contact"])
	assert.Equal(t, int64(1), writes["Account"])
}

func TestSandboxDeleteCollection(t *testing.T) {
	org, clock := newClockedSandbox(t)
	c := org.client(t)
	ctx := context.Background()
	start := clock.now().Add(-time.Minute)
	var ids []string
	for _, name := range []string{"Kay", "Lin", "Mo"} {
		id, err := c.Create(ctx, "Contact", salesforce.Record{"LastName": name})
		require.NoError(t, err)
		ids = append(ids, id)
	}

	res, err := c.DeleteCollection(ctx, []string{ids[0], ids[1], ids[0], "003notanid"}, false)
	require.NoError(t, err)
	require.Len(t, res, 4)
	assert.True(t, res[0].Success)
	assert.Equal(t, ids[1], res[1].ID)
	assert.True(t, res[2].HasCode("ENTITY_IS_DELETED"), "%+v", res[2])
	assert.True(t, res[3].HasCode("MALFORMED_ID"), "%+v", res[3])
	_, err = c.Get(ctx, "Contact", ids[0], nil)
	var nf *salesforce.NotFoundError
	require.ErrorAs(t, err, &nf)

	res, err = c.DeleteCollection(ctx, []string{ids[2], ids[1]}, true)
	require.NoError(t, err)
	assert.True(t, res[0].HasCode("ALL_OR_NONE_OPERATION_ROLLED_BACK"), "%+v", res[0])
	_, err = c.Get(ctx, "Contact", ids[2], []string{"Id"})
	require.NoError(t, err, "rolled back: still there")

	clock.advance(2 * time.Minute)
	del, err := c.GetDeleted(ctx, "Contact", start, clock.now())
	require.NoError(t, err)
	var deleted []string
	for _, d := range del.DeletedRecords {
		deleted = append(deleted, d.ID)
	}
	assert.ElementsMatch(t, ids[:2], deleted)
}

func TestSandboxLeadConversion(t *testing.T) {
	org, clock := newClockedSandbox(t)
	c := org.client(t)
	ctx := context.Background()

	d, err := c.Describe(ctx, "Lead")
	require.NoError(t, err)
	for name, typ := range map[string]string{"IsConverted": "boolean", "ConvertedContactId": "reference", "ConvertedAccountId": "reference", "ConvertedDate": "date"} {
		f, ok := d.Field(name)
		require.True(t, ok, name)
		assert.Equal(t, typ, f.Type, name)
	}

	open := queryRecords(t, c, "SELECT Id, FirstName, LastName, Email, Company FROM Lead WHERE IsConverted = false ORDER BY Id")
	require.Len(t, open, len(org.data.Salesforce.Leads), "every seeded lead is unconverted")
	lead := open[0]
	clock.advance(time.Hour)
	start := clock.now().Add(-time.Minute)

	resp, err := http.Post(org.http.URL+"/_sandbox/leads/"+lead.ID()+"/convert", "application/json", nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var made sfsandbox.LeadConversion
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&made))

	got := queryRecords(t, c, "SELECT IsConverted, ConvertedContactId, ConvertedAccountId, ConvertedDate, Status, ConvertedAccount.Name FROM Lead WHERE Id = "+salesforce.QuoteString(lead.ID()))
	require.Len(t, got, 1)
	assert.Equal(t, "true", got[0].String("IsConverted"))
	assert.Equal(t, made.ContactID, got[0].String("ConvertedContactId"))
	assert.Equal(t, made.AccountID, got[0].String("ConvertedAccountId"))
	assert.Equal(t, "Closed - Converted", got[0].String("Status"))
	assert.Equal(t, lead.String("Company"), got[0].String("ConvertedAccount.Name"))
	day, ok := got[0].Time("ConvertedDate")
	require.True(t, ok, "a date field parses: %q", got[0].String("ConvertedDate"))
	y, m, dd := clock.now().Date()
	assert.Equal(t, time.Date(y, m, dd, 0, 0, 0, 0, time.UTC), day)

	contact, err := c.Get(ctx, "Contact", made.ContactID, []string{"Email", "LastName", "AccountId"})
	require.NoError(t, err)
	assert.Equal(t, lead.String("Email"), contact.String("Email"))
	assert.Equal(t, lead.String("LastName"), contact.String("LastName"))
	assert.Equal(t, made.AccountID, contact.String("AccountId"))

	err = c.Update(ctx, "Lead", lead.ID(), salesforce.Record{"Title": "Changed"})
	var apiErr *salesforce.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, apiErr.HasCode("CANNOT_UPDATE_CONVERTED_LEAD"), "%v", err)
	assert.Len(t, queryRecords(t, c, "SELECT Id FROM Lead WHERE IsConverted = false"), len(open)-1)

	clock.advance(2 * time.Minute)
	upd, err := c.GetUpdated(ctx, "Lead", start, clock.now())
	require.NoError(t, err)
	assert.Equal(t, []string{lead.ID()}, upd.IDs, "the conversion moved SystemModstamp")
}
