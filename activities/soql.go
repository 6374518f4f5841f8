package activities

import (
	"fmt"
	"strings"
	"time"

	"github.com/crmsync/crmsync/salesforce"
)

// keysetQuery builds one page of a scan ordered by (SystemModstamp, Id),
// starting after the cursor. A later page is a new query rather than a
// nextRecordsUrl so it can be re-run after any pause or crash.
func keysetQuery(fields []string, object, filter string, since *time.Time, after *Cursor, limit int) string {
	var where []string
	if filter != "" {
		where = append(where, "("+filter+")")
	}
	if since != nil {
		where = append(where, "SystemModstamp >= "+formatTime(*since))
	}
	if after != nil {
		t := formatTime(after.Modstamp)
		where = append(where, fmt.Sprintf("(SystemModstamp > %s OR (SystemModstamp = %s AND Id > %s))",
			t, t, salesforce.QuoteString(after.ID)))
	}
	q := "SELECT " + strings.Join(fields, ", ") + " FROM " + object
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return q + fmt.Sprintf(" ORDER BY SystemModstamp ASC, Id ASC LIMIT %d", limit)
}

// formatTime writes a SOQL datetime literal with milliseconds, the
// precision Salesforce keeps, so a cursor inside one second is exact.
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// cursorOf is the position just past rec.
func cursorOf(rec salesforce.Record) (*Cursor, error) {
	t, ok := rec.Time("SystemModstamp")
	if !ok {
		return nil, fmt.Errorf("record %s has no SystemModstamp", rec.ID())
	}
	return &Cursor{Modstamp: t, ID: rec.ID()}, nil
}
