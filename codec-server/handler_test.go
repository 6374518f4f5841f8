package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"

	"github.com/crmsync/crmsync/codec"
)

const uiOrigin = "http://127.0.0.1:8233"

func testServer(t *testing.T, token string, keys ...codec.Key) *httptest.Server {
	t.Helper()
	c, err := codec.New(keys...)
	require.NoError(t, err)
	srv := httptest.NewServer(newHandler(c, []string{uiOrigin}, token))
	t.Cleanup(srv.Close)
	return srv
}

func key(t *testing.T, id string, b byte) codec.Key {
	t.Helper()
	k, err := codec.ParseKey(id + ":" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, codec.KeySize)))
	require.NoError(t, err)
	return k
}

func remote(srv *httptest.Server, auth string) converter.PayloadCodec {
	return converter.NewRemotePayloadCodec(converter.RemotePayloadCodecOptions{
		Endpoint: srv.URL,
		ModifyRequest: func(r *http.Request) error {
			if auth != "" {
				r.Header.Set("Authorization", auth)
			}
			return nil
		},
	})
}

func TestEncodeDecodeEndpoints(t *testing.T) {
	srv := testServer(t, "", key(t, "k1", 1))
	rc := remote(srv, "")
	in := []*commonpb.Payload{
		{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`{"email":"ada@example.com"}`)},
		{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"Ada Lovelace"`)},
	}
	enc, err := rc.Encode(in)
	require.NoError(t, err)
	require.Len(t, enc, 2)
	for _, p := range enc {
		assert.Equal(t, codec.EncodingEncrypted, string(p.Metadata["encoding"]))
		assert.NotContains(t, string(p.Data), "ada")
	}
	dec, err := rc.Decode(enc)
	require.NoError(t, err)
	require.Len(t, dec, 2)
	assert.Equal(t, in[0].Data, dec[0].Data)
	assert.Equal(t, in[1].Data, dec[1].Data)
}

func TestDecodeErrors(t *testing.T) {
	old := testServer(t, "", key(t, "old", 1))
	enc, err := remote(old, "").Encode([]*commonpb.Payload{{Data: []byte(`"x"`)}})
	require.NoError(t, err)

	srv := testServer(t, "", key(t, "new", 2))
	_, err = remote(srv, "").Decode(enc)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown encryption key id "old"`)

	enc[0].Data[len(enc[0].Data)-1] ^= 1
	_, err = remote(old, "").Decode(enc)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tampered")
}

func post(t *testing.T, srv *httptest.Server, method, path string, header map[string]string, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { _ = resp.Body.Close() })
	return resp
}

func TestCORS(t *testing.T) {
	srv := testServer(t, "s3cret", key(t, "k1", 1))
	preflight := map[string]string{"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-namespace,authorization"}
	cases := []struct {
		name       string
		method     string
		origin     string
		header     map[string]string
		wantStatus int
		wantACAO   string
	}{
		{"preflight from the UI, no token needed", http.MethodOptions, uiOrigin, preflight, http.StatusNoContent, uiOrigin},
		{"preflight from elsewhere", http.MethodOptions, "http://evil.example", preflight, http.StatusForbidden, ""},
		{"post from the UI", http.MethodPost, uiOrigin, map[string]string{"Authorization": "Bearer s3cret"}, http.StatusOK, uiOrigin},
		{"post from elsewhere gets no CORS header", http.MethodPost, "http://evil.example", map[string]string{"Authorization": "Bearer s3cret"}, http.StatusOK, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{"Origin": tc.origin}
			for k, v := range tc.header {
				h[k] = v
			}
			resp := post(t, srv, tc.method, "/decode", h, `{"payloads":[]}`)
			assert.Equal(t, tc.wantStatus, resp.StatusCode)
			assert.Equal(t, tc.wantACAO, resp.Header.Get("Access-Control-Allow-Origin"))
			if tc.method == http.MethodOptions && tc.wantACAO != "" {
				assert.Contains(t, resp.Header.Get("Access-Control-Allow-Methods"), "POST")
				for _, want := range []string{"Authorization", "Content-Type", "X-Namespace"} {
					assert.Contains(t, resp.Header.Get("Access-Control-Allow-Headers"), want)
				}
				assert.Equal(t, "true", resp.Header.Get("Access-Control-Allow-Credentials"))
			}
		})
	}
}

func TestAuth(t *testing.T) {
	cases := []struct {
		name       string
		token      string
		header     string
		wantStatus int
	}{
		{"no token configured", "", "", http.StatusOK},
		{"missing header", "s3cret", "", http.StatusUnauthorized},
		{"wrong token", "s3cret", "Bearer s3cre", http.StatusUnauthorized},
		{"token prefix only", "s3cret", "s3cre", http.StatusUnauthorized},
		{"bare token, as the CLI's --codec-auth sends it", "s3cret", "s3cret", http.StatusOK},
		{"bearer token", "s3cret", "Bearer s3cret", http.StatusOK},
		{"token with its own scheme", "Bearer s3cret", "Bearer s3cret", http.StatusOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := testServer(t, tc.token, key(t, "k1", 1))
			h := map[string]string{"Content-Type": "application/json"}
			if tc.header != "" {
				h["Authorization"] = tc.header
			}
			resp := post(t, srv, http.MethodPost, "/encode", h, `{"payloads":[{"data":"InNlY3JldCI="}]}`)
			require.Equal(t, tc.wantStatus, resp.StatusCode)
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			if tc.wantStatus != http.StatusOK {
				assert.NotContains(t, string(body), "payloads", "nothing encoded for an unauthorized caller")
				assert.NotContains(t, string(body), "s3cret")
				return
			}
			var out struct {
				Payloads []struct {
					Metadata map[string]string `json:"metadata"`
				} `json:"payloads"`
			}
			require.NoError(t, json.Unmarshal(body, &out))
			require.Len(t, out.Payloads, 1)
			enc, err := base64.StdEncoding.DecodeString(out.Payloads[0].Metadata["encoding"])
			require.NoError(t, err)
			assert.Equal(t, codec.EncodingEncrypted, string(enc))
		})
	}
}

func TestRejectsOtherRequests(t *testing.T) {
	srv := testServer(t, "", key(t, "k1", 1))
	assert.Equal(t, http.StatusNotFound, post(t, srv, http.MethodGet, "/decode", nil, "").StatusCode)
	assert.Equal(t, http.StatusNotFound, post(t, srv, http.MethodPost, "/other", nil, `{"payloads":[]}`).StatusCode)
	assert.Equal(t, http.StatusBadRequest, post(t, srv, http.MethodPost, "/decode", nil, "not json").StatusCode)
	huge := `{"payloads":[{"data":"` + strings.Repeat("A", maxBody) + `"}]}`
	assert.Equal(t, http.StatusBadRequest, post(t, srv, http.MethodPost, "/encode", nil, huge).StatusCode)
}
