package salesforce

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUpdateCollection(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `[
		{"id":"003A","success":true,"errors":[]},
		{"success":false,"errors":[{"statusCode":"ENTITY_IS_DELETED","message":"entity is deleted","fields":[]}]},
		{"id":"001C","success":true,"errors":[]}]`))
	c := org.client(t)
	queried := Record{"attributes": map[string]any{"type": "Contact", "url": "/services/data/v62.0/sobjects/Contact/003B"}, "Id": "003B", "Title": "VP"}
	recs := []Record{
		{"attributes": map[string]string{"type": "Contact"}, "Id": "003A", "Phone": "+1 555"},
		queried,
		{"attributes": map[string]any{"type": "Account"}, "Id": "001C", "Industry": nil},
	}
	res, err := c.UpdateCollection(context.Background(), recs, true)
	require.NoError(t, err)
	require.Len(t, res, 3)
	assert.Equal(t, SaveResult{ID: "003A", Success: true, Errors: []RecordError{}}, res[0])
	assert.False(t, res[1].Success)
	assert.True(t, res[1].HasCode("ENTITY_IS_DELETED"))
	assert.Equal(t, "001C", res[2].ID)
	assert.Equal(t, "/services/data/v62.0/sobjects/Contact/003B", queried["attributes"].(map[string]any)["url"], "caller's records are not modified")

	req, body := org.lastRequest(t)
	assert.Equal(t, http.MethodPatch, req.Method)
	assert.Equal(t, "/services/data/v62.0/composite/sobjects", req.URL.Path)
	assert.Empty(t, req.URL.RawQuery)
	assert.JSONEq(t, `{"allOrNone":true,"records":[
		{"attributes":{"type":"Contact"},"Id":"003A","Phone":"+1 555"},
		{"attributes":{"type":"Contact"},"Id":"003B","Title":"VP"},
		{"attributes":{"type":"Account"},"Id":"001C","Industry":null}]}`, body, "attributes name the type only; a null clears a field")
}

func TestDeleteCollection(t *testing.T) {
	for _, allOrNone := range []bool{false, true} {
		org := newFakeOrg(t, respond(http.StatusOK, `[
			{"id":"003A","success":true,"errors":[]},
			{"success":false,"errors":[{"statusCode":"MALFORMED_ID","message":"malformed id 500B","fields":[]}]}]`))
		c := org.client(t)
		res, err := c.DeleteCollection(context.Background(), []string{"003A", "500B"}, allOrNone)
		require.NoError(t, err)
		require.Len(t, res, 2)
		assert.True(t, res[0].Success)
		assert.True(t, res[1].HasCode("MALFORMED_ID"))

		req, body := org.lastRequest(t)
		assert.Equal(t, http.MethodDelete, req.Method)
		assert.Equal(t, "/services/data/v62.0/composite/sobjects", req.URL.Path)
		assert.Equal(t, "003A,500B", req.URL.Query().Get("ids"))
		assert.Equal(t, map[bool]string{false: "false", true: "true"}[allOrNone], req.URL.Query().Get("allOrNone"))
		assert.Empty(t, body)
	}
}

func TestCreateCollection(t *testing.T) {
	org := newFakeOrg(t, respond(http.StatusOK, `[
		{"id":"00aA","success":true,"errors":[]},
		{"success":false,"errors":[{"statusCode":"STRING_TOO_LONG","message":"Body: data value too large","fields":["CommentBody"]}]}]`))
	c := org.client(t)
	recs := []Record{
		{"attributes": map[string]string{"type": "CaseComment"}, "ParentId": "500A", "CommentBody": "hi", "IsPublished": true},
		{"attributes": map[string]any{"type": "CaseComment", "url": "/ignored"}, "ParentId": "500B", "CommentBody": "long"},
	}
	res, err := c.CreateCollection(context.Background(), recs, false)
	require.NoError(t, err)
	require.Len(t, res, 2)
	assert.Equal(t, SaveResult{ID: "00aA", Success: true, Errors: []RecordError{}}, res[0])
	assert.True(t, res[1].HasCode("STRING_TOO_LONG"))
	assert.Equal(t, []string{"CommentBody"}, res[1].Errors[0].Fields)

	req, body := org.lastRequest(t)
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/services/data/v62.0/composite/sobjects", req.URL.Path)
	assert.JSONEq(t, `{"allOrNone":false,"records":[
		{"attributes":{"type":"CaseComment"},"ParentId":"500A","CommentBody":"hi","IsPublished":true},
		{"attributes":{"type":"CaseComment"},"ParentId":"500B","CommentBody":"long"}]}`, body)
}

// TestCollectionCallsRefuseBadInput covers what the client refuses without
// a request, and the empty call, which sends nothing either.
func TestCollectionCallsRefuseBadInput(t *testing.T) {
	ctx := context.Background()
	tooManyRecs := make([]Record, MaxCollectionSize+1)
	tooManyIDs := make([]string, MaxCollectionSize+1)
	for i := range tooManyRecs {
		tooManyRecs[i] = Record{"attributes": map[string]any{"type": "Contact"}, "Id": "003A"}
		tooManyIDs[i] = "003A"
	}
	update := func(recs ...Record) func(*Client) ([]SaveResult, error) {
		return func(c *Client) ([]SaveResult, error) { return c.UpdateCollection(ctx, recs, false) }
	}
	create := func(recs ...Record) func(*Client) ([]SaveResult, error) {
		return func(c *Client) ([]SaveResult, error) { return c.CreateCollection(ctx, recs, true) }
	}
	del := func(ids ...string) func(*Client) ([]SaveResult, error) {
		return func(c *Client) ([]SaveResult, error) { return c.DeleteCollection(ctx, ids, false) }
	}
	tests := []struct {
		name string
		call func(*Client) ([]SaveResult, error)
		want string // "" for no error and no results
	}{
		{"update, too many", update(tooManyRecs...), "update collection: 201 records, at most 200 per call"},
		{"update, no type", update(Record{"Id": "003A", "Title": "x"}), "record 0 has no attributes.type"},
		{"update, type not a string", update(Record{"attributes": map[string]any{"type": 3}, "Id": "003A"}), "record 0 has no attributes.type"},
		{"update, no Id", update(Record{"attributes": map[string]any{"type": "Contact"}}, Record{"attributes": map[string]any{"type": "Contact"}, "Title": "x"}), "record 0 has no Id"},
		{"update, empty", update(), ""},
		{"create, too many", create(tooManyRecs...), "create collection: 201 records, at most 200 per call"},
		{"create, no type", create(Record{"LastName": "x"}), "create collection: record 0 has no attributes.type"},
		{"create, an Id", create(Record{"attributes": map[string]any{"type": "Contact"}, "LastName": "x"}, Record{"attributes": map[string]any{"type": "Contact"}, "Id": nil}), "record 1 has an Id; a create takes none"},
		{"create, empty", create(), ""},
		{"delete, too many", del(tooManyIDs...), "delete collection: 201 records, at most 200 per call"},
		{"delete, empty id", del("003A", ""), `id 1 ("") is not an Id`},
		{"delete, id with a comma", del("003A,003B"), `id 0 ("003A,003B") is not an Id`},
		{"delete, empty", del(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := newFakeOrg(t, respond(http.StatusOK, `[]`))
			res, err := tt.call(org.client(t))
			if tt.want == "" {
				require.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, tt.want)
			}
			assert.Empty(t, res)
			assert.Zero(t, org.apiCalls(), "nothing is sent")
		})
	}
}

func TestCollectionCallsCheckTheAnswer(t *testing.T) {
	ctx := context.Background()
	rec := Record{"attributes": map[string]any{"type": "Contact"}, "Id": "003A"}
	calls := map[string]func(*Client) ([]SaveResult, error){
		"update": func(c *Client) ([]SaveResult, error) { return c.UpdateCollection(ctx, []Record{rec, rec}, false) },
		"delete": func(c *Client) ([]SaveResult, error) { return c.DeleteCollection(ctx, []string{"003A", "003B"}, false) },
		"create": func(c *Client) ([]SaveResult, error) {
			return c.CreateCollection(ctx, []Record{{"attributes": map[string]any{"type": "Contact"}, "LastName": "A"}, {"attributes": map[string]any{"type": "Contact"}, "LastName": "B"}}, false)
		},
	}
	for name, call := range calls {
		t.Run(name+", too few results", func(t *testing.T) {
			org := newFakeOrg(t, respond(http.StatusOK, `[{"id":"003A","success":true,"errors":[]}]`))
			_, err := call(org.client(t))
			assert.ErrorContains(t, err, "got 1 results for 2 records")
		})
		t.Run(name+", request refused", func(t *testing.T) {
			org := newFakeOrg(t, respond(http.StatusBadRequest, `[{"errorCode":"EXCEEDED_ID_LIMIT","message":"record limit reached. cannot submit more than 200 records into this call"}]`))
			_, err := call(org.client(t))
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.True(t, apiErr.HasCode("EXCEEDED_ID_LIMIT"))
			assert.False(t, IsRetryable(err))
		})
	}
}
