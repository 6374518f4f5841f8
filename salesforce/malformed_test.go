package salesforce

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every method must turn a malformed success body into an error with
// context, never a panic or a silently empty result.
func TestMalformedSuccessBodies(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	calls := []struct {
		name string
		path string
		call func(c *Client) error
	}{
		{"Query", "GET /services/data/v62.0/query", func(c *Client) error {
			_, err := c.Query(context.Background(), "SELECT Id FROM Contact", nil)
			return err
		}},
		{"Get", "GET /services/data/v62.0/sobjects/Contact/003A", func(c *Client) error {
			_, err := c.Get(context.Background(), "Contact", "003A", nil)
			return err
		}},
		{"Create", "POST /services/data/v62.0/sobjects/Contact/", func(c *Client) error {
			_, err := c.Create(context.Background(), "Contact", Record{"LastName": "x"})
			return err
		}},
		{"Describe", "GET /services/data/v62.0/sobjects/Contact/describe", func(c *Client) error {
			_, err := c.Describe(context.Background(), "Contact")
			return err
		}},
		{"Upsert", "PATCH /services/data/v62.0/sobjects/Contact/Ext__c/1", func(c *Client) error {
			_, err := c.Upsert(context.Background(), "Contact", "Ext__c", "1", Record{"LastName": "x"})
			return err
		}},
		{"UpsertCollection", "PATCH /services/data/v62.0/composite/sobjects/Contact/Ext__c", func(c *Client) error {
			_, err := c.UpsertCollection(context.Background(), "Contact", "Ext__c", []Record{{"Ext__c": "1"}}, false)
			return err
		}},
		{"GetUpdated", "GET /services/data/v62.0/sobjects/Contact/updated/", func(c *Client) error {
			_, err := c.GetUpdated(context.Background(), "Contact", start, start.Add(time.Hour))
			return err
		}},
		{"GetDeleted", "GET /services/data/v62.0/sobjects/Contact/deleted/", func(c *Client) error {
			_, err := c.GetDeleted(context.Background(), "Contact", start, start.Add(time.Hour))
			return err
		}},
		{"Limits", "GET /services/data/v62.0/limits/", func(c *Client) error {
			_, err := c.Limits(context.Background())
			return err
		}},
	}
	bodies := []struct {
		name      string
		body      string
		retryable bool
	}{
		{"truncated json", `{"totalSize":1,"done":tr`, true},
		{"html page", `<html><body>Service temporarily unavailable</body></html>`, true},
		{"empty body", ``, true},
		{"wrong types", `{"totalSize":"many","done":"yes","id":7,"success":"no","name":3,"ids":"x","deletedRecords":5,"DailyApiRequests":"x"}`, false},
		{"json array", `[1,2,3]`, false},
	}
	for _, call := range calls {
		for _, b := range bodies {
			if call.name == "Get" && b.name == "wrong types" {
				continue // any JSON object is a valid record
			}
			t.Run(call.name+"/"+b.name, func(t *testing.T) {
				org := newFakeOrg(t, respond(http.StatusOK, b.body))
				c := org.client(t)
				var err error
				require.NotPanics(t, func() { err = call.call(c) })
				require.Error(t, err)
				assert.Contains(t, err.Error(), "salesforce: "+call.path)
				// UpsertCollection's array-of-numbers is a type error; any
				// array for a single-object endpoint is one too.
				if call.name != "UpsertCollection" || b.name != "json array" {
					assert.Equal(t, b.retryable, IsRetryable(err), "%v", err)
				}
			})
		}
	}
}
