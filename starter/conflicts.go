package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/crmsync/crmsync/store"
)

// conflictLine is one conflict decision as `starter conflicts` prints it.
type conflictLine struct {
	Run                string    `json:"run"`
	Pair               string    `json:"pair"`
	SalesforceID       string    `json:"salesforce_id"`
	ZendeskID          int64     `json:"zendesk_id"`
	Field              string    `json:"field"`
	SalesforceValue    string    `json:"salesforce_value"`
	ZendeskValue       string    `json:"zendesk_value"`
	SalesforceModified time.Time `json:"salesforce_modified"`
	ZendeskModified    time.Time `json:"zendesk_modified"`
	Policy             string    `json:"policy"`
	Winner             string    `json:"winner"`
	Value              string    `json:"value"`
	At                 time.Time `json:"at"`
}

// conflicts prints the conflict log of the state store the worker uses
// (CRMSYNC_STORE) as JSON lines, oldest first.
func conflicts(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var wf, pair string
	fs := conflictsFlags(&wf, &pair)
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "usage: starter conflicts [flags]")
		printFlags(stdout, fs)
		return 0
	} else if err != nil {
		fmt.Fprintln(stderr, "starter conflicts:", err)
		printFlags(stderr, fs)
		return 2
	}
	st, err := store.Open(ctx, env("CRMSYNC_STORE", ""), store.WithInstance(instance()))
	if err != nil {
		fmt.Fprintln(stderr, "starter conflicts: CRMSYNC_STORE:", err)
		return 1
	}
	defer st.Close()
	cs, err := st.Conflicts(ctx, store.ConflictFilter{Workflow: wf, Pair: pair})
	if err != nil {
		fmt.Fprintln(stderr, "starter conflicts:", err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	for _, c := range cs {
		if err := enc.Encode(conflictLine{
			Run: c.RunID, Pair: c.Pair, SalesforceID: c.SalesforceID, ZendeskID: c.ZendeskID, Field: c.Field,
			SalesforceValue: c.SalesforceValue, ZendeskValue: c.ZendeskValue,
			SalesforceModified: c.SalesforceModified, ZendeskModified: c.ZendeskModified,
			Policy: c.Policy, Winner: c.Winner, Value: c.Value, At: c.At,
		}); err != nil {
			fmt.Fprintln(stderr, "starter conflicts:", err)
			return 1
		}
	}
	return 0
}
