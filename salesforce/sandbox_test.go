package salesforce_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crmsync/crmsync/salesforce"
	"github.com/crmsync/crmsync/sandbox/admin"
	sfsandbox "github.com/crmsync/crmsync/sandbox/salesforce"
	"github.com/crmsync/crmsync/sandbox/seed"
)

// These tests run the client against the project's Salesforce simulator,
// which implements the same documented API independently.

type sandboxOrg struct {
	srv  *sfsandbox.Server
	http *httptest.Server
	data *seed.Dataset
}

func newSandbox(t *testing.T, cfg sfsandbox.Config) *sandboxOrg {
	t.Helper()
	data := seed.Generate(seed.Options{Seed: 7, Accounts: 20, Contacts: 450, Tickets: 10, Now: time.Now().UTC()})
	srv := sfsandbox.New(cfg, data.Salesforce)
	h := httptest.NewServer(srv)
	t.Cleanup(h.Close)
	return &sandboxOrg{srv: srv, http: h, data: data}
}

func (o *sandboxOrg) client(t *testing.T) *salesforce.Client {
	t.Helper()
	c, err := salesforce.NewClient(salesforce.Config{
		LoginURL: o.http.URL, ClientID: "sandbox-client", ClientSecret: "sandbox-secret", Timeout: 5 * time.Second,
	})
	require.NoError(t, err)
	return c
}

func TestSandboxAuthentication(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	org := newSandbox(t, sfsandbox.Config{JWTPublicKey: &key.PublicKey})
	ctx := context.Background()

	require.NoError(t, org.client(t).Authenticate(ctx))

	der, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	jwtClient, err := salesforce.NewClient(salesforce.Config{
		LoginURL: org.http.URL, ClientID: "sandbox-client", Username: "integration@example.com",
		PrivateKeyPEM: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}),
	})
	require.NoError(t, err)
	_, err = jwtClient.Limits(ctx)
	require.NoError(t, err, "JWT bearer grant accepted and the token works")

	wrong, err := salesforce.NewClient(salesforce.Config{LoginURL: org.http.URL, ClientID: "sandbox-client", ClientSecret: "nope-secret"})
	require.NoError(t, err)
	err = wrong.Authenticate(ctx)
	var ue *salesforce.UnauthorizedError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "invalid_client", ue.Code)
	assert.NotContains(t, err.Error(), "nope-secret")
}

func TestSandboxRevokedTokenIsRegranted(t *testing.T) {
	org := newSandbox(t, sfsandbox.Config{})
	c := org.client(t)
	ctx := context.Background()
	_, err := c.Limits(ctx)
	require.NoError(t, err)

	org.srv.RevokeTokens()
	lim, err := c.Limits(ctx)
	require.NoError(t, err)
	assert.Equal(t, 100000, lim.DailyAPIRequests.Max)
	info := c.LimitInfo()
	assert.Equal(t, 100000, info.Max)
	assert.Positive(t, info.Used)
}

func TestSandboxQueryEachPages(t *testing.T) {
	org := newSandbox(t, sfsandbox.Config{})
	c := org.client(t)
	live := 0
	for _, r := range org.data.Salesforce.Contacts {
		if r["IsDeleted"] != true {
			live++
		}
	}
	seen := map[string]bool{}
	pages, total := 0, -1
	err := c.QueryEach(context.Background(), "SELECT Id, Email, Account.Name, SystemModstamp FROM Contact",
		&salesforce.QueryOptions{BatchSize: 200}, func(p *salesforce.QueryResult) error {
			pages++
			total = p.TotalSize
			for _, r := range p.Records {
				assert.Equal(t, "Contact", r.Type())
				_, ok := r.Time("SystemModstamp")
				assert.True(t, ok)
				seen[r.ID()] = true
			}
			return nil
		})
	require.NoError(t, err)
	assert.Equal(t, live, total, "soft-deleted seed rows are not queried")
	assert.Equal(t, total, len(seen), "every record once")
	assert.GreaterOrEqual(t, pages, 3, "450 rows at batch size 200")
}

func TestSandboxQueryErrors(t *testing.T) {
	org := newSandbox(t, sfsandbox.Config{})
	c := org.client(t)
	tests := []struct {
		soql, code string
	}{
		{"SELECT Id FORM Contact", "MALFORMED_QUERY"},
		{"SELECT Emial FROM Contact", "INVALID_FIELD"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			_, err := c.Query(context.Background(), tt.soql, nil)
			var qe *salesforce.QueryError
			require.ErrorAs(t, err, &qe)
			assert.Equal(t, tt.code, qe.Code)
			assert.NotEmpty(t, qe.Message)
			assert.False(t, salesforce.IsRetryable(err))
		})
	}
}

// sandboxClock is the org's clock, moved by hand: getUpdated/getDeleted only
// cover whole minutes that have passed.
type sandboxClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *sandboxClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *sandboxClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestSandboxRecordLifecycle(t *testing.T) {
	clock := &sandboxClock{t: time.Now().UTC().Truncate(time.Minute).Add(30 * time.Second)}
	org := newSandbox(t, sfsandbox.Config{Now: clock.now})
	c := org.client(t)
	ctx := context.Background()
	start := clock.now().Add(-time.Minute)

	id, err := c.Create(ctx, "Contact", salesforce.Record{"LastName": "Lovelace", "Email": "ada@example.com"})
	require.NoError(t, err)
	require.NoError(t, c.Update(ctx, "Contact", id, salesforce.Record{"Title": "Countess"}))

	rec, err := c.Get(ctx, "Contact", id, []string{"Id", "LastName", "Title"})
	require.NoError(t, err)
	assert.Equal(t, id, rec.ID())
	assert.Equal(t, "Countess", rec.String("Title"))

	clock.advance(2 * time.Minute)
	upd, err := c.GetUpdated(ctx, "Contact", start, clock.now())
	require.NoError(t, err)
	assert.Contains(t, upd.IDs, id)

	require.NoError(t, c.Delete(ctx, "Contact", id))
	_, err = c.Get(ctx, "Contact", id, nil)
	var nf *salesforce.NotFoundError
	require.ErrorAs(t, err, &nf)

	res, err := c.Query(ctx, "SELECT Id, IsDeleted FROM Contact WHERE Id = "+salesforce.QuoteString(id), &salesforce.QueryOptions{All: true})
	require.NoError(t, err)
	require.Len(t, res.Records, 1)
	assert.Equal(t, "true", res.Records[0].String("IsDeleted"))

	clock.advance(2 * time.Minute)
	del, err := c.GetDeleted(ctx, "Contact", start, clock.now())
	require.NoError(t, err)
	var deleted []string
	for _, d := range del.DeletedRecords {
		deleted = append(deleted, d.ID)
	}
	assert.Contains(t, deleted, id)

	_, err = c.Create(ctx, "Contact", salesforce.Record{"Email": "x@example.com"})
	var apiErr *salesforce.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, apiErr.HasCode("REQUIRED_FIELD_MISSING"), "%v", err)
}

func TestSandboxDescribe(t *testing.T) {
	org := newSandbox(t, sfsandbox.Config{})
	d, err := org.client(t).Describe(context.Background(), "Contact")
	require.NoError(t, err)
	assert.Equal(t, "Contact", d.Name)
	f, ok := d.Field("Zendesk_User_Id__c")
	require.True(t, ok)
	assert.True(t, f.ExternalID)
	email, ok := d.Field("Email")
	require.True(t, ok)
	assert.Equal(t, 80, email.Length)
}

func TestSandboxUpsert(t *testing.T) {
	org := newSandbox(t, sfsandbox.Config{})
	c := org.client(t)
	ctx := context.Background()

	first, err := c.Upsert(ctx, "Contact", "Zendesk_User_Id__c", "zd-9001", salesforce.Record{"LastName": "Hopper"})
	require.NoError(t, err)
	assert.True(t, first.Created)
	second, err := c.Upsert(ctx, "Contact", "Zendesk_User_Id__c", "zd-9001", salesforce.Record{"LastName": "Hopper", "Title": "RADM"})
	require.NoError(t, err)
	assert.False(t, second.Created)
	assert.Equal(t, first.ID, second.ID)

	results, err := c.UpsertCollection(ctx, "Contact", "Zendesk_User_Id__c", []salesforce.Record{
		{"Zendesk_User_Id__c": "zd-9001", "LastName": "Hopper"},
		{"Zendesk_User_Id__c": "zd-9002", "LastName": "Bad", "Email": "not-an-email"},
		{"Zendesk_User_Id__c": "zd-9003", "LastName": "New"},
	}, false)
	require.NoError(t, err)
	require.Len(t, results, 3)
	assert.Equal(t, first.ID, results[0].ID)
	assert.False(t, results[0].Created)
	assert.False(t, results[1].Success)
	assert.True(t, results[1].HasCode("INVALID_EMAIL_ADDRESS"), "%+v", results[1])
	assert.True(t, results[2].Success)
	assert.True(t, results[2].Created)

	_, err = c.Upsert(ctx, "Contact", "Nope__c", "1", salesforce.Record{"LastName": "x"})
	var nf *salesforce.NotFoundError
	require.ErrorAs(t, err, &nf)
}

func TestSandboxFaults(t *testing.T) {
	tests := []struct {
		name      string
		cfg       admin.FaultConfig
		check     func(t *testing.T, err error)
		retryable bool
	}{
		{"server errors", admin.FaultConfig{ErrorRate: 1}, func(t *testing.T, err error) {
			var te *salesforce.TransientError
			require.ErrorAs(t, err, &te)
			assert.Contains(t, []int{500, 503}, te.StatusCode)
		}, true},
		{"dropped connections", admin.FaultConfig{DropRate: 1}, func(t *testing.T, err error) {
			var te *salesforce.TransientError
			require.ErrorAs(t, err, &te)
		}, true},
		{"rate limit storm", admin.FaultConfig{StormSeconds: 60}, func(t *testing.T, err error) {
			var le *salesforce.RequestLimitError
			require.ErrorAs(t, err, &le)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := newSandbox(t, sfsandbox.Config{})
			c := org.client(t)
			require.NoError(t, c.Authenticate(context.Background()))
			org.srv.Faults().Set(tt.cfg)
			_, err := c.Query(context.Background(), "SELECT Id FROM Account", nil)
			require.Error(t, err)
			tt.check(t, err)
			assert.Equal(t, tt.retryable, salesforce.IsRetryable(err))
		})
	}
}

func BenchmarkSandboxQueryEach(b *testing.B) {
	data := seed.Generate(seed.Options{Seed: 7, Accounts: 50, Contacts: 2000, Tickets: 1, Now: time.Now().UTC()})
	h := httptest.NewServer(sfsandbox.New(sfsandbox.Config{}, data.Salesforce))
	defer h.Close()
	c, err := salesforce.NewClient(salesforce.Config{LoginURL: h.URL, ClientID: "sandbox-client", ClientSecret: "sandbox-secret"})
	require.NoError(b, err)
	ctx := context.Background()
	rows := 0
	for b.Loop() {
		rows = 0
		err := c.QueryEach(ctx, "SELECT Id, Email, LastName, Account.Name, SystemModstamp FROM Contact",
			&salesforce.QueryOptions{BatchSize: 200}, func(p *salesforce.QueryResult) error {
				rows += len(p.Records)
				return nil
			})
		require.NoError(b, err)
	}
	b.ReportMetric(float64(rows), "rows/op")
}
