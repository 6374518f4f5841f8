package zendesk

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// User roles.
const (
	RoleEndUser = "end-user"
	RoleAgent   = "agent"
	RoleAdmin   = "admin"
)

// MaxBulk is the most records a bulk (job) endpoint or show_many accepts.
const MaxBulk = 100

// User is a Zendesk user. Pointer fields are omitted from writes when nil,
// so an update only touches what the caller set.
type User struct {
	ID             int64          `json:"id,omitempty"`
	URL            string         `json:"url,omitempty"`
	Name           string         `json:"name,omitempty"`
	Email          string         `json:"email,omitempty"`
	Phone          *string        `json:"phone,omitempty"`
	ExternalID     string         `json:"external_id,omitempty"`
	OrganizationID *int64         `json:"organization_id,omitempty"`
	Role           string         `json:"role,omitempty"`
	Active         *bool          `json:"active,omitempty"`
	Suspended      *bool          `json:"suspended,omitempty"`
	Verified       *bool          `json:"verified,omitempty"`
	Tags           []string       `json:"tags,omitempty"`
	UserFields     map[string]any `json:"user_fields,omitempty"`
	CreatedAt      time.Time      `json:"created_at,omitzero"`
	UpdatedAt      time.Time      `json:"updated_at,omitzero"`
}

// GetPhone returns the phone, or "" when unset.
func (u *User) GetPhone() string { return deref(u.Phone) }

// GetOrganizationID returns the organization id, or 0 when unset.
func (u *User) GetOrganizationID() int64 { return deref(u.OrganizationID) }

// GetActive returns Active, or false when unset.
func (u *User) GetActive() bool { return deref(u.Active) }

type userEnvelope struct {
	User *User `json:"user"`
}

func (e userEnvelope) check() error {
	if e.User == nil {
		return errors.New(`response has no "user"`)
	}
	return nil
}

type usersEnvelope struct {
	Users []User `json:"users"`
}

func (e usersEnvelope) check() error {
	if e.Users == nil {
		return errors.New(`response has no "users" list`)
	}
	return nil
}

type usersPage struct {
	usersEnvelope
	cursorEnvelope
}

func (p usersPage) check() error {
	return errors.Join(p.usersEnvelope.check(), p.cursorEnvelope.check())
}

// CreateOrUpdateUser creates the user or updates the one matching its email
// or external_id (case-insensitive). created is true on 201.
func (c *Client) CreateOrUpdateUser(ctx context.Context, u *User) (*User, bool, error) {
	if u == nil {
		return nil, false, errors.New("zendesk: create or update user: nil user")
	}
	var env userEnvelope
	status, err := c.do(ctx, request{method: http.MethodPost, path: "/api/v2/users/create_or_update", body: userEnvelope{User: u}}, &env)
	if err != nil {
		return nil, false, err
	}
	return env.User, status == http.StatusCreated, nil
}

// UpdateUser changes the fields set in u on user id; tags replace the
// whole list (an empty Tags is left out of the body, so it cannot clear
// them). Zendesk takes email on create only (on update it adds a secondary
// identity), so leave Email empty to keep the primary address.
func (c *Client) UpdateUser(ctx context.Context, id int64, u *User) (*User, error) {
	if u == nil {
		return nil, errors.New("zendesk: update user: nil user")
	}
	p, err := recordPath("users", id)
	if err != nil {
		return nil, fmt.Errorf("zendesk: update user: %w", err)
	}
	var env userEnvelope
	if _, err := c.do(ctx, request{method: http.MethodPut, path: p, body: userEnvelope{User: u}}, &env); err != nil {
		return nil, err
	}
	return env.User, nil
}

// DeleteUser soft-deletes user id and returns it as it is now: Active
// false. It stays readable by id and appears in the user export; a second
// delete is a NotFoundError.
func (c *Client) DeleteUser(ctx context.Context, id int64) (*User, error) {
	p, err := recordPath("users", id)
	if err != nil {
		return nil, fmt.Errorf("zendesk: delete user: %w", err)
	}
	var env userEnvelope
	if _, err := c.do(ctx, request{method: http.MethodDelete, path: p}, &env); err != nil {
		return nil, err
	}
	return env.User, nil
}

// CreateOrUpdateUsers queues a create_or_update_many job for 1..100 users.
// Results in the finished job keep the order of users.
func (c *Client) CreateOrUpdateUsers(ctx context.Context, users []User) (*JobStatus, error) {
	if err := checkBulk("users", len(users)); err != nil {
		return nil, fmt.Errorf("zendesk: create or update users: %w", err)
	}
	body := struct {
		Users []User `json:"users"`
	}{users}
	return c.startJob(ctx, request{method: http.MethodPost, path: "/api/v2/users/create_or_update_many", body: body})
}

// ShowUsers fetches users by id, 100 per request. Unknown ids are left out.
func (c *Client) ShowUsers(ctx context.Context, ids []int64) ([]User, error) {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = strconv.FormatInt(id, 10)
	}
	return c.showUsers(ctx, "ids", keys)
}

// ShowUsersByExternalIDs fetches users by external id, 100 per request.
func (c *Client) ShowUsersByExternalIDs(ctx context.Context, externalIDs []string) ([]User, error) {
	return c.showUsers(ctx, "external_ids", externalIDs)
}

func (c *Client) showUsers(ctx context.Context, param string, keys []string) ([]User, error) {
	return showMany(ctx, c, "/api/v2/users/show_many", param, keys, func(e *usersEnvelope) []User { return e.Users })
}

// SearchUsersByEmail returns the users whose email equals email, ignoring
// case. It searches with the "email:" keyword; results are still filtered
// here because search syntax may match loosely.
func (c *Client) SearchUsersByEmail(ctx context.Context, email string) ([]User, error) {
	email = strings.TrimSpace(email)
	if email == "" || strings.ContainsAny(email, " \t\n") {
		return nil, fmt.Errorf("zendesk: search users by email: invalid email %q", email)
	}
	users, err := c.searchUsers(ctx, "query", "email:"+email)
	if err != nil {
		return nil, err
	}
	var exact []User
	for _, u := range users {
		if strings.EqualFold(u.Email, email) {
			exact = append(exact, u)
		}
	}
	return exact, nil
}

// SearchUsersByExternalID returns the users with that external id.
func (c *Client) SearchUsersByExternalID(ctx context.Context, externalID string) ([]User, error) {
	if externalID == "" {
		return nil, errors.New("zendesk: search users by external id: empty external id")
	}
	return c.searchUsers(ctx, "external_id", externalID)
}

// searchUsers reads only the first page (100): these searches target one
// record, and more matches already mean the caller must resolve ambiguity.
func (c *Client) searchUsers(ctx context.Context, param, value string) ([]User, error) {
	var env usersEnvelope
	_, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v2/users/search", query: listQuery(param, []string{value})}, &env)
	if err != nil {
		return nil, err
	}
	return env.Users, nil
}

// ListUsers fetches one cursor page of users, optionally of one role.
func (c *Client) ListUsers(ctx context.Context, opts *ListOptions) ([]User, *CursorPage, error) {
	q, err := opts.values()
	if err != nil {
		return nil, nil, fmt.Errorf("zendesk: list users: %w", err)
	}
	if opts != nil && opts.Role != "" {
		q.Set("role", opts.Role)
	}
	var p usersPage
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v2/users", query: q}, &p); err != nil {
		return nil, nil, err
	}
	return p.Users, p.page(), nil
}

// AllUsers walks every page of ListUsers, starting from opts.After.
func (c *Client) AllUsers(ctx context.Context, opts *ListOptions) iter.Seq2[User, error] {
	return walkCursor(ctx, opts, c.ListUsers)
}
