package zendesk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MaxExportPage is the largest per_page the incremental exports accept.
const MaxExportPage = 1000

// UsersExport is one page of the cursor-based user export. Deleted users
// appear with Active false. Continue with AfterCursor until EndOfStream;
// a page may be empty mid-stream.
type UsersExport struct {
	Users        []User `json:"users"`
	AfterCursor  string `json:"after_cursor"`
	AfterURL     string `json:"after_url"`
	BeforeCursor string `json:"before_cursor"`
	EndOfStream  bool   `json:"end_of_stream"`
}

func (e *UsersExport) check() error {
	if e.Users == nil {
		return errors.New(`response has no "users" list`)
	}
	return checkCursorExport(e.AfterCursor, e.EndOfStream)
}

// TicketsExport is one page of the cursor-based ticket export, filtered on
// generated_timestamp. Deleted tickets appear with status "deleted".
type TicketsExport struct {
	Tickets      []Ticket `json:"tickets"`
	AfterCursor  string   `json:"after_cursor"`
	AfterURL     string   `json:"after_url"`
	BeforeCursor string   `json:"before_cursor"`
	EndOfStream  bool     `json:"end_of_stream"`
}

func (e *TicketsExport) check() error {
	if e.Tickets == nil {
		return errors.New(`response has no "tickets" list`)
	}
	return checkCursorExport(e.AfterCursor, e.EndOfStream)
}

func checkCursorExport(after string, end bool) error {
	if !end && after == "" {
		return errors.New("end_of_stream is false but after_cursor is empty")
	}
	return nil
}

// OrganizationsExport is one page of the time-based organization export.
// Continue with EndTime as the next start until EndOfStream. Pages may
// repeat records at their boundaries: de-duplicate by id. Deleted
// organizations appear with DeletedAt set.
type OrganizationsExport struct {
	Organizations []Organization
	Count         int
	EndTime       time.Time
	NextPage      string
	EndOfStream   bool
}

type organizationsExportBody struct {
	Organizations []Organization `json:"organizations"`
	timeExportPage
}

func (b *organizationsExportBody) check() error {
	return b.timeExportPage.check("organizations", b.Organizations != nil)
}

// timeExportPage is what every time-based export answers beside its
// records.
type timeExportPage struct {
	Count       int    `json:"count"`
	EndTime     *int64 `json:"end_time"`
	NextPage    string `json:"next_page"`
	EndOfStream bool   `json:"end_of_stream"`
}

// check refuses a page without its list of records, named name, or one
// that cannot be continued.
func (p *timeExportPage) check(name string, hasList bool) error {
	if !hasList {
		return fmt.Errorf(`response has no %q list`, name)
	}
	if p.EndTime == nil && !p.EndOfStream {
		return errors.New(`response has no "end_time" to continue from`)
	}
	return nil
}

// endTime is end_time as a time, zero when absent.
func (p *timeExportPage) endTime() time.Time {
	if p.EndTime == nil {
		return time.Time{}
	}
	return time.Unix(*p.EndTime, 0).UTC()
}

// IncrementalUsers reads one page of users changed on or after start, or
// the page after cursor when cursor is set. perPage 0 uses the server
// default (1000).
func (c *Client) IncrementalUsers(ctx context.Context, start time.Time, cursor string, perPage int) (*UsersExport, error) {
	var out UsersExport
	if err := c.export(ctx, "users", "/api/v2/incremental/users/cursor.json", start, cursor, perPage, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// IncrementalTickets reads one page of tickets changed on or after start,
// or the page after cursor when cursor is set.
func (c *Client) IncrementalTickets(ctx context.Context, start time.Time, cursor string, perPage int) (*TicketsExport, error) {
	var out TicketsExport
	if err := c.export(ctx, "tickets", "/api/v2/incremental/tickets/cursor.json", start, cursor, perPage, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// IncrementalOrganizations reads one page of organizations changed on or
// after start.
func (c *Client) IncrementalOrganizations(ctx context.Context, start time.Time, perPage int) (*OrganizationsExport, error) {
	var body organizationsExportBody
	if err := c.export(ctx, "organizations", "/api/v2/incremental/organizations.json", start, "", perPage, &body); err != nil {
		return nil, err
	}
	return &OrganizationsExport{
		Organizations: body.Organizations,
		Count:         body.Count,
		EndTime:       body.endTime(),
		NextPage:      body.NextPage,
		EndOfStream:   body.EndOfStream,
	}, nil
}

// export reads one page of an incremental export into out. Every export
// counts against the export bucket as well as the account limit. include
// names side-loads, "" for none.
func (c *Client) export(ctx context.Context, what, path string, start time.Time, cursor string, perPage int, out any, include ...string) error {
	q, err := exportQuery(start, cursor, perPage)
	if err != nil {
		return fmt.Errorf("zendesk: incremental %s: %w", what, err)
	}
	if len(include) > 0 {
		q.Set("include", strings.Join(include, ","))
	}
	_, err = c.do(ctx, request{method: http.MethodGet, path: path, query: q, bucket: incrementalBucket}, out)
	return err
}

// exportQuery sends the cursor alone when there is one: start_time only
// opens a stream.
func exportQuery(start time.Time, cursor string, perPage int) (url.Values, error) {
	if perPage < 0 || perPage > MaxExportPage {
		return nil, fmt.Errorf("per_page %d outside 0..%d", perPage, MaxExportPage)
	}
	q := url.Values{}
	if cursor != "" {
		q.Set("cursor", cursor)
	} else {
		if start.IsZero() {
			return nil, errors.New("start time or cursor required")
		}
		q.Set("start_time", strconv.FormatInt(start.Unix(), 10))
	}
	if perPage > 0 {
		q.Set("per_page", strconv.Itoa(perPage))
	}
	return q, nil
}
