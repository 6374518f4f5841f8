package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// browser is headless Chromium driven through chromedriver's W3C WebDriver
// API: plain HTTP and JSON, so the test needs no new module.
type browser struct {
	t       testing.TB
	base    string // http://127.0.0.1:port/session/id
	shots   string
	counter int
}

// elementKey is the W3C name of an element reference in JSON.
const elementKey = "element-6066-11e4-a52e-4f735466cecf"

// waitUI bounds every wait for the page: the UI polls the server every
// few seconds, and two shared cores make a cold Chromium slow.
const waitUI = 30 * time.Second

// newBrowser starts chromedriver on a free port and opens a headless
// Chromium session; both end with the test. Without Debian's chromium and
// chromium-driver the test is skipped, never failed.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	requireDev(t)
	for _, bin := range []string{"chromium", "chromedriver"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("browser test: no %s on PATH (install: apt-get install -y chromium chromium-driver)", bin)
		}
	}
	chromium, _ := exec.LookPath("chromium")
	port, err := freePort()
	require.NoError(t, err)
	cmd := exec.Command("chromedriver", "--port="+port)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	driver := "http://127.0.0.1:" + port
	require.Eventually(t, func() bool {
		var status struct{ Ready bool }
		return call(http.MethodGet, driver+"/status", nil, &status) == nil && status.Ready
	}, waitUI, 100*time.Millisecond, "chromedriver ready")

	var sess struct{ SessionID string }
	require.NoError(t, call(http.MethodPost, driver+"/session", map[string]any{
		"capabilities": map[string]any{"alwaysMatch": map[string]any{
			"browserName": "chrome",
			"goog:chromeOptions": map[string]any{
				"binary": chromium,
				"args":   []string{"--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"},
			},
		}},
	}, &sess))
	b := &browser{t: t, base: driver + "/session/" + sess.SessionID, shots: filepath.Join("..", ".crmsync", "screenshots")}
	// Chromium is chromedriver's child: closing the session ends it before
	// chromedriver itself is killed.
	t.Cleanup(func() { _ = call(http.MethodDelete, b.base, nil, nil) })
	require.NoError(t, os.MkdirAll(b.shots, 0o755))
	old, _ := filepath.Glob(filepath.Join(b.shots, t.Name()+"-*.png"))
	for _, f := range old {
		_ = os.Remove(f)
	}
	return b
}

// call sends one WebDriver command and decodes its "value" into out.
func call(method, url string, body, out any) error {
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(data)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env struct{ Value json.RawMessage }
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return fmt.Errorf("%s %s: %s: %w", method, url, resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error, Message string }
		_ = json.Unmarshal(env.Value, &e)
		return fmt.Errorf("webdriver %s: %s", e.Error, firstLine(e.Message))
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(env.Value, out)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func (b *browser) do(method, path string, body, out any) error {
	return call(method, b.base+path, body, out)
}

func (b *browser) open(url string) {
	b.t.Helper()
	require.NoError(b.t, b.do(http.MethodPost, "/url", map[string]string{"url": url}, nil))
}

func (b *browser) url() string {
	b.t.Helper()
	var u string
	require.NoError(b.t, b.do(http.MethodGet, "/url", nil, &u))
	return u
}

// element waits for the first element css selects to be on the page.
func (b *browser) element(css string) string {
	b.t.Helper()
	var id string
	var last error
	deadline := time.Now().Add(waitUI)
	for time.Now().Before(deadline) {
		var ref map[string]string
		if last = b.do(http.MethodPost, "/element", map[string]string{"using": "css selector", "value": css}, &ref); last == nil {
			id = ref[elementKey]
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if id == "" {
		b.shot("missing")
		require.NoError(b.t, last, "element %s", css)
	}
	return id
}

func (b *browser) click(css string) {
	b.t.Helper()
	require.NoError(b.t, b.do(http.MethodPost, "/element/"+b.element(css)+"/click", map[string]any{}, nil), "click %s", css)
}

// typeInto clears a field, then types text into it key by key, as a user
// would: the UI's forms react to key events, not to a set value.
func (b *browser) typeInto(css, text string) {
	b.t.Helper()
	el := b.element(css)
	_ = b.do(http.MethodPost, "/element/"+el+"/clear", map[string]any{}, nil)
	require.NoError(b.t, b.do(http.MethodPost, "/element/"+el+"/value", map[string]string{"text": text}, nil), "type into %s", css)
}

// text is what the page shows inside the first element css selects.
func (b *browser) text(css string) string {
	b.t.Helper()
	var s string
	require.NoError(b.t, b.do(http.MethodGet, "/element/"+b.element(css)+"/text", nil, &s))
	return s
}

// script runs JavaScript in the page and decodes its return value.
func (b *browser) script(js string, out any, args ...any) {
	b.t.Helper()
	if args == nil {
		args = []any{}
	}
	require.NoError(b.t, b.do(http.MethodPost, "/execute/sync", map[string]any{"script": js, "args": args}, out))
}

// shot saves a numbered screenshot, so a failed run can be read step by
// step afterwards.
func (b *browser) shot(name string) {
	b.t.Helper()
	var data string
	if err := b.do(http.MethodGet, "/screenshot", nil, &data); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	png, err := base64.StdEncoding.DecodeString(data)
	require.NoError(b.t, err)
	b.counter++
	path := filepath.Join(b.shots, fmt.Sprintf("%s-%02d-%s.png", b.t.Name(), b.counter, name))
	require.NoError(b.t, os.WriteFile(path, png, 0o644))
}

// waitText waits until the text inside css satisfies ok, and returns the
// last text read either way, for the test's assertion to show.
func (b *browser) waitText(css string, ok func(string) bool) string {
	b.t.Helper()
	var s string
	deadline := time.Now().Add(waitUI)
	for time.Now().Before(deadline) {
		var ref map[string]string
		if b.do(http.MethodPost, "/element", map[string]string{"using": "css selector", "value": css}, &ref) == nil &&
			b.do(http.MethodGet, "/element/"+ref[elementKey]+"/text", nil, &s) == nil && ok(s) {
			return s
		}
		time.Sleep(250 * time.Millisecond)
	}
	return s
}
