package salesforce

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/sandbox/salesforce/soql"
)

const (
	defaultBatch = 2000
	minBatch     = 200
)

func (s *Server) serveQuery(a *apiRequest, all bool) {
	q := a.r.URL.Query().Get("q")
	if strings.TrimSpace(q) == "" {
		writeError(a.w, http.StatusBadRequest, soql.CodeMalformed, "A query string has to be specified")
		return
	}
	parsed, err := soql.Parse(q)
	if err != nil {
		writeQueryError(a.w, err)
		return
	}
	p, err := s.compile(q, parsed)
	if err != nil {
		writeQueryError(a.w, err)
		return
	}
	rows, total := s.run(p, all)
	if p.count {
		writeRaw(a.w, http.StatusOK, []byte(`{"totalSize":`+strconv.Itoa(total)+`,"done":true,"records":[]}`))
		return
	}
	cur := &cursor{proj: p.proj, rows: rows, batch: batchSize(a.r.Header.Get("Sforce-Query-Options"))}
	if len(rows) > cur.batch {
		s.cursors.add(cur, s.now())
	}
	resource := "query"
	if all {
		resource = "queryAll"
	}
	s.writePage(a, cur, resource, 0)
}

// serveQueryMore serves a later page: locator is "01g...-2000", the cursor
// and the offset of the page's first row.
func (s *Server) serveQueryMore(a *apiRequest, resource, locator string) {
	dash := strings.LastIndexByte(locator, '-')
	var cur *cursor
	off := -1
	if dash > 0 {
		cur = s.cursors.get(locator[:dash], s.now())
		off, _ = strconv.Atoi(locator[dash+1:])
	}
	if cur == nil || off < 0 || off > len(cur.rows) {
		writeError(a.w, http.StatusBadRequest, "INVALID_QUERY_LOCATOR", "invalid query locator")
		return
	}
	s.writePage(a, cur, resource, off)
}

func (s *Server) writePage(a *apiRequest, cur *cursor, resource string, off int) {
	end := min(off+cur.batch, len(cur.rows))
	done := end >= len(cur.rows)
	base := a.base()
	b := make([]byte, 0, 256*(end-off)+128)
	b = append(b, `{"totalSize":`...)
	b = strconv.AppendInt(b, int64(len(cur.rows)), 10)
	b = append(b, `,"done":`...)
	b = strconv.AppendBool(b, done)
	if !done {
		b = append(b, `,"nextRecordsUrl":"`...)
		b = append(b, base...)
		b = append(b, '/')
		b = append(b, resource...)
		b = append(b, '/')
		b = append(b, cur.id...)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(end), 10)
		b = append(b, '"')
	}
	b = append(b, `,"records":[`...)
	for i := off; i < end; i++ {
		if i > off {
			b = append(b, ',')
		}
		b = appendRecord(b, base, cur.proj, cur.rows[i].id, cur.rows[i].vals)
	}
	b = append(b, ']', '}')
	writeRaw(a.w, http.StatusOK, b)
}

// batchSize reads batchSize=N from Sforce-Query-Options, kept within the
// documented 200..2000.
func batchSize(header string) int {
	for _, opt := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(opt), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "batchSize") {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return defaultBatch
		}
		return min(max(n, minBatch), defaultBatch)
	}
	return defaultBatch
}

func writeQueryError(w http.ResponseWriter, err error) {
	var qe *soql.Error
	if errors.As(err, &qe) {
		writeError(w, http.StatusBadRequest, qe.Code, qe.Message)
		return
	}
	writeError(w, http.StatusBadRequest, soql.CodeMalformed, err.Error())
}
